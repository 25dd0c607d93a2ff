package dev.dextrace.model.driverkit;

/** {@code kern_return_t} values the model uses. */
public final class IOReturn {
    public static final int kIOReturnSuccess = 0;
    public static final int kIOReturnError = 0xe00002bc;
    public static final int kIOReturnNoMemory = 0xe00002bd;
    public static final int kIOReturnBadArgument = 0xe00002c2;
    public static final int kIOReturnUnsupported = 0xe00002c7;
    public static final int kIOReturnBusy = 0xe00002d5;

    private IOReturn() {
    }
}
