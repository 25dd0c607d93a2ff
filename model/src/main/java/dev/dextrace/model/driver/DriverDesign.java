package dev.dextrace.model.driver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A driver design's declared expectation, which every harness reads: {@link #violates()} empty means
 * "declared clean" (any violation is a false alarm); otherwise each listed rule must be observed
 * (a miss fails the campaign). {@link #mayAlsoViolate()} lists rules the design can break as a
 * consequence in some scenarios; any other rule is a false alarm.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DriverDesign {
    /** Short name used in reports and filters, e.g. {@code attempt2-bundled-isr}. */
    String name();

    /** One line: what the design does. */
    String summary();

    /** Rule IDs the design is expected to break (empty: declared clean). */
    String[] violates() default {};

    /** Rule IDs it may also break in some scenarios. */
    String[] mayAlsoViolate() default {};

    /**
     * The design's own invariants, run by every engine on every run of it (besides the project's, listed in
     * {@code META-INF/services/dev.dextrace.model.monitor.Invariant}); {@link #violates()} may name their rules.
     */
    Class<? extends dev.dextrace.model.monitor.Invariant>[] invariants() default {};

    /** Which I/O path the design uses; scenarios of the other path are not run on it. */
    Path path();

    enum Path { BUNDLED, LEGACY }
}
