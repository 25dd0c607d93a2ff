package dev.dextrace.model;

import dev.dextrace.model.catalogue.Attempt1QueueName;
import dev.dextrace.model.catalogue.Attempt2BundledIsr;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.CancelFrameworkAction;
import dev.dextrace.model.catalogue.ConcurrentFanout;
import dev.dextrace.model.catalogue.DoubleComplete;
import dev.dextrace.model.catalogue.EagerResponsePrefill;
import dev.dextrace.model.catalogue.EarlyRelease;
import dev.dextrace.model.catalogue.LegacyCompleteAndReturn;
import dev.dextrace.model.catalogue.LegacySerial;
import dev.dextrace.model.catalogue.MarkStartedAfterStart;
import dev.dextrace.model.catalogue.PartialResponse;
import dev.dextrace.model.catalogue.PrefetchNextSlot;
import dev.dextrace.model.catalogue.SentinelTerminatedIndices;
import dev.dextrace.model.catalogue.SpinningProcess;
import dev.dextrace.model.catalogue.UnretainedAction;
import dev.dextrace.model.catalogue.WrongTaskIdentifier;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.monitor.Events;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule of PROTOCOL.md §7, proven twice: under one scripted ordering a wrong design breaks it
 * and the monitor reports exactly that rule; the correct design under the same ordering reports nothing.
 */
class RuleDetectionTest {

    /** One rule's proof: the design that breaks it, and the situation and ordering that show it. */
    record Case(Rule rule, Supplier<? extends IOUserSCSIParallelInterfaceController> wrong,
                Supplier<? extends IOUserSCSIParallelInterfaceController> correct, FrameworkConfig config,
                Consumer<World> workload, Supplier<Strategy> order) {
        @Override
        public String toString() {
            return rule.id();
        }
    }

    private static final FrameworkConfig DEFAULTS = FrameworkConfig.defaults();

    static Case bundled(Rule rule, Supplier<? extends IOUserSCSIParallelInterfaceController> wrong, Consumer<World> workload,
                        Supplier<Strategy> order) {
        return new Case(rule, wrong, BundledRecommended::new, DEFAULTS, workload, order);
    }

    static Stream<Case> cases() {
        return Stream.of(
                bundled(Rule.SLOT_1, EagerResponsePrefill::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.SLOT_2, SentinelTerminatedIndices::new, Scripted.tur(2), Strategy::runToCompletion),
                bundled(Rule.SLOT_3, PrefetchNextSlot::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.SLOT_4, DoubleComplete::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.SLOT_5, TestDesigns.TouchAfterStart::new, Scripted.tur(1), Scripted::completionBeforeProcessReturns),
                bundled(Rule.SLOT_6, WrongTaskIdentifier::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.SLOT_7, PartialResponse::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.ACT_1, UnretainedAction::new, Scripted.tur(1), Strategy::runToCompletion),
                new Case(Rule.ACT_2, EarlyRelease::new, BundledRecommended::new,
                        DEFAULTS.with(FrameworkConfig.CompletionAction.PER_BUNDLE), Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.ACT_3, CancelFrameworkAction::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.ACT_4, TestDesigns.LegacyCompletionInProcess::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.ACT_5, TestDesigns.StackStatusPointer::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.Q_1, TestDesigns.RoutedBundled::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.Q_2, ConcurrentFanout::new, Scripted.tur(2),
                        () -> Strategy.script().run("Default", Events.retain()).run("Default (concurrent)", Events.blockBegin("concurrent block"))),
                bundled(Rule.Q_3, Attempt2BundledIsr::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.Q_4, TestDesigns.CrossSync::new, Scripted.tur(1),
                        () -> Strategy.script().run("Default", Events.hardwareStart(0)).run("InterruptQueue", Events.waitFor("Default"))),
                bundled(Rule.CMP_1, TestDesigns.OneCompletionPerInterrupt::new, Scripted.tur(2), Strategy::runToCompletion),
                bundled(Rule.CMP_2, MarkStartedAfterStart::new, Scripted.tur(1), Scripted::completionBeforeProcessReturns),
                new Case(Rule.CMP_3, LegacyCompleteAndReturn::new, LegacySerial::new, DEFAULTS, Scripted.tur(1),
                        Strategy::runToCompletion),
                bundled(Rule.HANG_1, SpinningProcess::new, Scripted.tur(1), Strategy::runToCompletion),
                bundled(Rule.EXC_1, TestDesigns.ThrowsAfterCompleting::new, Scripted.tur(1), Strategy::runToCompletion));
    }

    @ParameterizedTest(name = "{0}: the wrong design breaks exactly this rule")
    @MethodSource("cases")
    void wrongDesignBreaksExactlyItsRule(Case c) {
        Verdict v = Scripted.run(c.wrong(), c.config(), c.workload(), c.order().get());
        assertEquals(Set.of(c.rule().id()), v.rules().toJavaSet(), () -> "expected exactly " + c.rule() + "\n" + v.describe());
        Violation first = v.violations().head();
        assertFalse(first.events().isEmpty(), "a violation keeps the events that led to it");
        assertEquals(first.trigger().seq(), first.events().last().seq());
    }

    @ParameterizedTest(name = "{0}: the correct design stays clean under the same ordering")
    @MethodSource("cases")
    void correctDesignStaysClean(Case c) {
        Verdict v = Scripted.run(c.correct(), c.config(), c.workload(), c.order().get());
        assertTrue(v.isClean(), () -> "expected clean\n" + v.describe());
    }

    @Test
    void everyRuleOfTheProtocolHasACase() {
        Set<Rule> covered = cases().map(Case::rule).collect(Collectors.toSet());
        assertEquals(Set.copyOf(Arrays.asList(Rule.values())), covered);
    }

    @Test
    void theScriptsReachTheirSteps() {
        Strategy.Script s = Scripted.completionBeforeProcessReturns();
        Scripted.run(MarkStartedAfterStart::new, Scripted.tur(1), s);
        assertEquals(List.of(), s.unreachedSteps(), "a script that no longer matches the events must fail loudly");
    }

    // The seed designs under orderings that show what PROTOCOL.md §8 says of them.

    @Test
    void attempt2LosesACompletionThatOvertakesTheLoop() {
        Verdict v = Scripted.run(Attempt2BundledIsr::new, Scripted.tur(1),
                Strategy.script().run("Default", Events.hardwareStart(0)).run("InterruptQueue", Events.read("fSlotState[0]")));
        assertEquals(Set.of("CMP-1", "Q-3"), v.rules().toJavaSet(), v::describe);
    }

    @Test
    void attempt2TouchesASlotAfterItsCompletion() {
        Verdict v = Scripted.run(Attempt2BundledIsr::new, Scripted.tur(1),
                Strategy.script().run("Default", Events.write("fSlotState[0]", 1)).run("InterruptQueue", Events.complete(0)));
        assertEquals(Set.of("Q-3", "SLOT-5"), v.rules().toJavaSet(), v::describe);
    }

    @Test
    void attempt3BreaksActionTypingAndCallScope() {
        Verdict v = Scripted.run(dev.dextrace.model.catalogue.Attempt3Wrapper::new, Scripted.tur(2), Strategy.runToCompletion());
        assertEquals(Set.of("ACT-4", "ACT-5"), v.rules().toJavaSet(), v::describe);
    }

    @Test
    void attempt1RedirectsAndDeadlocks() {
        Verdict v = Scripted.run(Attempt1QueueName::new, w -> w.submit(Command.testUnitReady(0)), Strategy.runToCompletion());
        assertEquals(Set.of("Q-1", "Q-4"), v.rules().toJavaSet(), v::describe);
    }
}
