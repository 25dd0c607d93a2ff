package com.example.dext;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driver.DriverDesign;

/** A user's design outside dextrace's packages, as a project would keep it: found on the class path by its annotation. */
@DriverDesign(name = "my-driver", path = DriverDesign.Path.BUNDLED, summary = "a user's port of the recommended bundled design")
public class MyDriver extends BundledRecommended {
}
