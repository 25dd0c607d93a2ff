package com.example.dext;

import dev.dextrace.model.catalogue.BundledRecommended;

/** A driver class without {@code @DriverDesign} (a base class, a helper): never picked up as a design. */
public abstract class NotADesign extends BundledRecommended {
}
