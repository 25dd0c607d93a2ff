package dev.dextrace.stress.scenarios;

import dev.dextrace.model.results.Grading;
import org.openjdk.jcstress.annotations.Outcome;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The outcomes every scenario class shares (through {@code @JCStressMeta}), spelled with the model's
 * {@link Grading} prefixes: a rule the design is expected to break is interesting, any other violation
 * (and every violation of a design declared clean) is forbidden, so jcstress's own report fails it too.
 */
@Outcome(id = Grading.CLEAN, expect = ACCEPTABLE, desc = "No protocol rule broken.")
@Outcome(id = Grading.EXPECTED + ".*", expect = ACCEPTABLE_INTERESTING, desc = "Only rules the design declares it breaks.")
@Outcome(id = Grading.UNEXPECTED + ".*", expect = FORBIDDEN, desc = "A rule the design does not foresee: a false alarm or a new bug.")
public final class Grades {
    private Grades() {
    }
}
