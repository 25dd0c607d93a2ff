package dev.dextrace.model.results;

import java.util.Arrays;
import java.util.Optional;

/**
 * The exit codes every engine main (StressCampaign, LincheckCampaign, ...) documents, so the campaign can
 * tell "ran" from "broke". Picocli and the JVM both exit 1 on an uncaught exception, so 1 never means
 * "ran": an engine that ran and found a design not as expected exits 3.
 */
public enum EngineExit {
    /** Ran every selected design; each came out as declared. */
    AS_EXPECTED(0),
    /** An uncaught exception: picocli's and the JVM's own code. Never "ran". */
    CRASHED(1),
    /** Bad options (picocli's usage code): nothing ran. */
    USAGE(2),
    /** Ran, and some design came out not as declared, or the engine's run did not complete (its results file says why). */
    NOT_AS_EXPECTED(3);

    /** 128 + SIGINT and 128 + SIGTERM: how a JVM ends on Ctrl-C or a kill. */
    public static final int SIGINT = 130;
    public static final int SIGTERM = 143;
    /** 128 + SIGKILL: the kernel (out of memory) or a forcible stop. */
    public static final int SIGKILL = 137;

    public final int code;

    EngineExit(int code) {
        this.code = code;
    }

    /** The documented exit code this process code is, if any. */
    public static Optional<EngineExit> of(int code) {
        return Arrays.stream(values()).filter(e -> e.code == code).findFirst();
    }

    /** Whether an engine exiting with this code ran to the end (its verdicts are in its results file). */
    public boolean ran() {
        return this == AS_EXPECTED || this == NOT_AS_EXPECTED;
    }

    /** The exit code for a run whose designs all came out as declared, or not. */
    public static int of(boolean allAsExpected) {
        return (allAsExpected ? AS_EXPECTED : NOT_AS_EXPECTED).code;
    }
}
