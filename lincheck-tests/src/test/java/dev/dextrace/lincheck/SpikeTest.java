package dev.dextrace.lincheck;

import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

class SpikeTest {
    static final class Box { int n; }
    private final Box shared = new Box();

    @Test
    void racy() {
        try {
            Lincheck.runConcurrentTest(1000, () -> {
                shared.n = 0;
                Thread a = new Thread(() -> shared.n++);
                Thread b = new Thread(() -> shared.n++);
                a.start(); b.start();
                try { a.join(); b.join(); } catch (InterruptedException e) { throw new RuntimeException(e); }
                if (shared.n != 2) throw new AssertionError("lost update: " + shared.n);
            });
            System.out.println("SPIKE: NOT DETECTED");
        } catch (AssertionError e) {
            System.out.println("SPIKE: DETECTED " + e.getClass() + "\n" + e.getMessage());
        }
    }
}
