package dev.dextrace.model.driverkit;

import java.util.List;

/**
 * The driver's own frame in a stack trace: the first one that is not dextrace's model of DriverKit,
 * the framework or the engines, nor the JDK or a library. "where the driver was" in HANG-1 and EXC-1.
 */
public final class DriverFrames {
    private static final List<String> NOT_DRIVER = List.of("java.", "javax.", "jdk.", "sun.", "kotlin.", "kotlinx.",
            "io.vavr.", "org.jetbrains.", "org.openjdk.", "org.junit.",
            "dev.dextrace.model.runtime.", "dev.dextrace.model.driverkit.", "dev.dextrace.model.framework.",
            "dev.dextrace.model.monitor.", "dev.dextrace.model.hardware.", "dev.dextrace.model.driver.",
            "dev.dextrace.model.scenario.", "dev.dextrace.model.ivars.", "dev.dextrace.model.replay.", "dev.dextrace.model.World",
            "net.bytebuddy.", "org.objectweb.", "dev.dextrace.controlled.", "dev.dextrace.stress.", "dev.dextrace.lincheck.");

    /** What {@link #top} says when no frame is the driver's. */
    public static final String NONE = "(no driver frame)";

    private DriverFrames() {
    }

    /** {@code "SpinningProcess.java:41"}, or {@link #NONE}. */
    public static String top(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (NOT_DRIVER.stream().noneMatch(c::startsWith)) {
                return (f.getFileName() == null ? c : f.getFileName()) + ":" + f.getLineNumber();
            }
        }
        return NONE;
    }

    /** EXC-1's message: the exception's class, its message, and the driver's frame it came from. */
    public static String describe(Throwable e) {
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " at " + top(e.getStackTrace());
    }
}
