package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (SLOT-6): answers with the command's fTaskTagIdentifier where fControllerTaskIdentifier
 * belongs. Response slot i must answer command slot i with the same task ID and target.
 */
@DriverDesign(name = "wrong-task-identifier", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-6"},
        summary = "Writes the tag, not the controller task ID, into the response")
public class WrongTaskIdentifier extends BundledRecommended {
    @Override
    protected void fillResponse(int slot, HbaCompletion done) {
        super.fillResponse(slot, done);
        responses.get(slot).fControllerTaskIdentifier(commands.get(slot).fTaskTagIdentifier()); // the wrong ID field
    }
}
