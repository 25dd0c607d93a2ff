package dev.dextrace.model.results;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {
    record Unit(String engine, String design, long cost) {
    }

    private static final Comparator<Unit> KEY = Comparator.comparing(Unit::engine).thenComparing(Unit::design);

    /** Three engines over 31 designs with uneven costs, as a catalogue campaign has. */
    private static List<Unit> campaign() {
        Random r = new Random(7);
        List<Unit> units = new ArrayList<>();
        for (String e : List.of("jcstress", "lincheck", "controlled")) {
            for (int d = 0; d < 31; d++) {
                units.add(new Unit(e, "design-" + d, 1 + r.nextInt(e.equals("lincheck") ? 40 : 10)));
            }
        }
        return units;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyUnitRunsInExactlyOneShardAndTheShardsAreEven(int n) {
        List<Unit> units = campaign();
        List<List<Unit>> plan = Shard.plan(units, n, Unit::cost, KEY);
        assertEquals(n, plan.size());
        Set<Unit> seen = new HashSet<>();
        plan.forEach(shard -> shard.forEach(u -> assertTrue(seen.add(u), "twice: " + u)));
        assertEquals(new HashSet<>(units), seen, "every unit somewhere");
        long max = plan.stream().mapToLong(s -> s.stream().mapToLong(Unit::cost).sum()).max().orElseThrow();
        long min = plan.stream().mapToLong(s -> s.stream().mapToLong(Unit::cost).sum()).min().orElseThrow();
        long biggest = units.stream().mapToLong(Unit::cost).max().orElseThrow();
        assertTrue(max - min <= biggest, "largest " + max + ", smallest " + min + ", costliest unit " + biggest);
        for (int i = 1; i <= n; i++) {
            assertEquals(plan.get(i - 1), new Shard(i, n).mine(units, Unit::cost, KEY), "each shard computes the same plan");
        }
    }

    @Test
    void thePlanDoesNotDependOnTheOrderUnitsWereListedIn() {
        List<Unit> units = campaign();
        List<Unit> shuffled = new ArrayList<>(units);
        java.util.Collections.shuffle(shuffled, new Random(3));
        for (int i = 1; i <= 4; i++) {
            Shard s = new Shard(i, 4);
            assertEquals(new HashSet<>(s.mine(units, Unit::cost, KEY)), new HashSet<>(s.mine(shuffled, Unit::cost, KEY)));
        }
    }

    @Test
    void badShardsAreOneLineNamingTheForm() {
        for (String bad : new String[]{"0/3", "4/3", "3", "a/b", "1/0", "1/257", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().startsWith("shard: ") && e.getMessage().contains("i/n with 1 <= i <= n <= 256"), e.getMessage());
        }
        assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
        assertEquals("2/4", new Shard(2, 4).toString());
    }
}
