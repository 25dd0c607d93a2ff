package dev.dextrace.lincheck;

import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The false-negative guard: a counter with a lost update that Lincheck must report, on every JDK the
 * module is tested on (mvn -Pjava25 verify runs it on JDK 25). If this test fails, Lincheck has
 * stopped seeing races here, and a clean result elsewhere in this module means nothing.
 */
class RacyControlTest {
    /** Shared through a field of an object that exists before the test block: what Lincheck tracks. */
    static final class Counter {
        int value;

        void increment() {
            value++; // read, then write: two threads can both read 0
        }
    }

    private final Counter counter = new Counter();

    @Test
    void lincheckReportsTheLostUpdate() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> Lincheck.runConcurrentTest(1_000, () -> {
            counter.value = 0;
            Thread a = new Thread(counter::increment);
            Thread b = new Thread(counter::increment);
            a.start();
            b.start();
            join(a);
            join(b);
            if (counter.value != 2) {
                throw new IllegalStateException("lost update: counter is " + counter.value + " after two increments");
            }
        }), "Lincheck missed a plain lost update: its results in this module cannot be trusted on " + Runtime.version());
        assertTrue(e.getMessage().contains("lost update") && e.getMessage().contains("switch"),
                "the report shows the failure and the thread switch that causes it:\n" + e.getMessage());
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
