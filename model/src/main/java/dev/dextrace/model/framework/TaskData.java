package dev.dextrace.model.framework;

/**
 * The contents of one command slot ({@code SCSIUserParallelTask}, 128 bytes in C), immutable: the
 * framework writes a whole new value at each issue. Arrays are copied in and out.
 */
public record TaskData(int version, long fTargetID, int fSCSIParallelFeatureRequestCount,
                       long fControllerTaskIdentifier, long fRequestedTransferCount, long fBufferIOVMAddr,
                       int fTaskAttribute, long fTaskTagIdentifier, byte[] fLogicalUnitBytes,
                       byte[] fCommandDescriptorBlock, int fCommandSize, int fTransferDirection,
                       long fTimeoutInMilliSec) {
    public static final int kSCSIUserParallelTaskVersion1 = 1;
    public static final int SIMPLE = 0, ORDERED = 1, HEAD_OF_QUEUE = 2, ACA = 3;
    public static final int NONE = 0, FROM_INITIATOR_TO_TARGET = 1, FROM_TARGET_TO_INITIATOR = 2;

    public TaskData {
        fLogicalUnitBytes = fLogicalUnitBytes.clone();
        fCommandDescriptorBlock = fCommandDescriptorBlock.clone();
    }

    @Override
    public byte[] fLogicalUnitBytes() {
        return fLogicalUnitBytes.clone();
    }

    @Override
    public byte[] fCommandDescriptorBlock() {
        return fCommandDescriptorBlock.clone();
    }

    /** e.g. {@code TEST UNIT READY} or {@code READ(10)}. */
    public String commandName() {
        return nameOf(fCommandDescriptorBlock[0]);
    }

    /** The name of the command with this operation code (the CDB's first byte). */
    static String nameOf(byte operationCode) {
        return switch (operationCode & 0xff) {
            case 0x00 -> "TEST UNIT READY";
            case 0x12 -> "INQUIRY";
            case 0x28 -> "READ(10)";
            case 0x2a -> "WRITE(10)";
            default -> String.format("CDB 0x%02x", operationCode & 0xff);
        };
    }
}
