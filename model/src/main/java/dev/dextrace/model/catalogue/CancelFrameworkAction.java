package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong (ACT-3): "cleans up" the completion action with Cancel once its command is done, as it
 * would an action of its own. A dext must never cancel a framework action; later completions through
 * the shared action then go through a cancelled one.
 */
@DriverDesign(name = "cancel-framework-action", path = DriverDesign.Path.BUNDLED, violates = {"ACT-3"},
        summary = "Cancels the framework's completion action after completing")
public class CancelFrameworkAction extends BundledRecommended {
    @Override
    protected void releaseAfterComplete(OSAction action) {
        action.Cancel(null);
        super.releaseAfterComplete(action);
    }
}
