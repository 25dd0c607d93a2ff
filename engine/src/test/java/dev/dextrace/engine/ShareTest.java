package dev.dextrace.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShareTest {
    private final Share ninetySeconds = new Share(Duration.ofSeconds(90));

    @Test
    void theFirstDesignAlwaysStartsEvenWithNoShareLeft() {
        assertTrue(new Share(Duration.ZERO).admits(Duration.ofSeconds(5), 0, 9));
    }

    @Test
    void aDesignStartsOnlyIfWhatTheFinishedOnesCostPerScenarioEndsInsideTheShare() {
        // 60 s for 6 scenarios so far: 10 s a scenario
        assertTrue(ninetySeconds.admits(Duration.ofSeconds(60), 6, 3), "60 + 3 x 10 = 90 s: ends at the share");
        assertFalse(ninetySeconds.admits(Duration.ofSeconds(60), 6, 4), "60 + 4 x 10 = 100 s: would overrun");
        assertFalse(ninetySeconds.admits(Duration.ofSeconds(95), 6, 1), "the share is used");
    }

    @Test
    void aNegativeShareIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Share(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("--share"), e.getMessage());
    }
}
