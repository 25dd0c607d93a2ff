package dev.dextrace.model.framework;

/**
 * An I/O the SCSI stack asks the framework to run: what becomes a command slot. Factories give the
 * commands of the seed's story.
 */
public record Command(long targetId, byte[] cdb, long transferBytes, int direction, long timeoutMillis) {
    /** What the model uses when a test does not care: long enough never to fire in real time. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    public Command {
        if (targetId < 0) {
            throw new IllegalArgumentException("targetId must be >= 0, was " + targetId);
        }
        if (cdb == null || cdb.length < 6 || cdb.length > 16) {
            throw new IllegalArgumentException("cdb must hold 6..16 bytes, was " + (cdb == null ? "null" : cdb.length));
        }
        if (transferBytes < 0) {
            throw new IllegalArgumentException("transferBytes must be >= 0, was " + transferBytes);
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be >= 1, was " + timeoutMillis);
        }
        cdb = cdb.clone();
    }

    /** TEST UNIT READY: no data, the fast command that completed before Process returned in attempt 2. */
    public static Command testUnitReady(long target) {
        return new Command(target, new byte[6], 0, TaskData.NONE, DEFAULT_TIMEOUT_MILLIS);
    }

    /** READ(10) of {@code blocks} 512-byte blocks. */
    public static Command read(long target, long lba, int blocks) {
        byte[] cdb = new byte[10];
        cdb[0] = 0x28;
        cdb[2] = (byte) (lba >>> 24);
        cdb[3] = (byte) (lba >>> 16);
        cdb[4] = (byte) (lba >>> 8);
        cdb[5] = (byte) lba;
        cdb[7] = (byte) (blocks >>> 8);
        cdb[8] = (byte) blocks;
        return new Command(target, cdb, blocks * 512L, TaskData.FROM_TARGET_TO_INITIATOR, DEFAULT_TIMEOUT_MILLIS);
    }

    public Command withTimeoutMillis(long ms) {
        return new Command(targetId, cdb, transferBytes, direction, ms);
    }

    @Override
    public byte[] cdb() {
        return cdb.clone();
    }
}
