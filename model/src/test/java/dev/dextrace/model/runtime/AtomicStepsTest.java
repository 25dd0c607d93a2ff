package dev.dextrace.model.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicStepsTest {
    static final class Marked {
        @AtomicStep("test")
        void step() {
        }

        @AtomicStep("test")
        void both(int a) {
        }

        @AtomicStep("test")
        void both(String a) {
        }

        void open() {
        }
    }

    static final class HalfMarked {
        @AtomicStep("test")
        void get(int a) {
        }

        void get(String a) {
        }
    }

    @AtomicStep("test")
    static final class Whole {
        void a() {
        }

        void b() {
        }
    }

    @Test
    void findsTheMarkedMethodsOnly() {
        assertEquals(Set.of("step", "both"), AtomicSteps.stepsOf(Marked.class));
    }

    @Test
    void aMarkedTypeMarksEveryMethod() {
        assertEquals(Set.of("a", "b"), AtomicSteps.stepsOf(Whole.class));
    }

    @Test
    void anOverloadLeftOpenIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicSteps.stepsOf(HalfMarked.class));
        assertTrue(e.getMessage().contains("HalfMarked.get"), e.getMessage());
    }

    @Test
    void theModelDeclaresTheKernelsSteps() {
        Map<String, Set<String>> steps = AtomicSteps.byClass();
        assertTrue(steps.getOrDefault("dev.dextrace.model.framework.Issuing", Set.of()).containsAll(Set.of("chooseBundle", "issueBundleNow",
                "beginProcess")), steps.toString());
        assertTrue(steps.getOrDefault("dev.dextrace.model.framework.SlotAccessChecks", Set.of()).contains("dextTouch"), steps.toString());
        assertTrue(steps.keySet().stream().allMatch(c -> c.startsWith("dev.dextrace.model.")), "only the model's main classes: " + steps.keySet());
    }
}
