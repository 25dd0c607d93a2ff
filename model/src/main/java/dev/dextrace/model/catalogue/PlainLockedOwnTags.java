package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;

/**
 * Correct, with the dext's own hardware tags, as real drivers do ({@link TagTable}, under the same
 * {@code IOLock} as the rest); otherwise {@link PlainLockedFaultTolerant}. Breaks no rule: it shows the
 * model does not depend on the tag being the slot index.
 */
@DriverDesign(name = "plain-locked-own-tags", path = DriverDesign.Path.BUNDLED,
        summary = "Bundled path; plain ivars under an IOLock; hardware tags from a running counter mapped back to the slot")
public class PlainLockedOwnTags extends PlainLockedFaultTolerant {
    private TagTable fTags;

    @Override
    public int UserInitializeController() {
        fTags = new TagTable(0x5000, maxTaskCount);
        return super.UserInitializeController();
    }

    @Override
    protected int tagFor(int slot) {
        return fTags.assign(slot);
    }

    @Override
    protected int slotOfHardwareTag(int tag) {
        return fTags.take(tag);
    }
}
