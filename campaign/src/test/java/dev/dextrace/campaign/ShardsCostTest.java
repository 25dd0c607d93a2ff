package dev.dextrace.campaign;

import dev.dextrace.engine.Engine;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The measured unit costs name real engines and designs, and balance the catalogue's shards by what a unit really costs. */
class ShardsCostTest {
    private static final List<Engine> CONTROLLED = List.of(Engine.named("controlled"));
    private static final List<Shards.Unit> UNITS = Shards.units(CONTROLLED, Catalogue.all().toJavaList(), Scenarios.all().toJavaList());

    @Test
    void everyMeasuredCostNamesAnEngineAndACatalogueDesign() {
        Set<String> designs = Catalogue.all().map(DesignEntry::name).toJavaSet();
        assertFalse(Shards.MEASURED.isEmpty());
        for (String key : Shards.MEASURED.stringPropertyNames()) {
            String engine = key.substring(0, key.indexOf('.'));
            assertTrue(Engine.all().containsKey(engine), key + ": no engine " + engine);
            assertTrue(designs.contains(key.substring(key.indexOf('.') + 1)), key + ": no such catalogue design");
            assertTrue(Long.parseLong(Shards.MEASURED.getProperty(key).trim()) > 0, key);
        }
    }

    @Test
    void aUnitCostsWhatWasMeasuredElseAnEstimateByItsScenarios() {
        Shards.Unit recommended = UNITS.stream().filter(u -> u.design().name().equals("bundled-recommended")).findFirst().orElseThrow();
        Shards.Unit attempt1 = UNITS.stream().filter(u -> u.design().name().equals("attempt1-queuename")).findFirst().orElseThrow();
        assertEquals(Long.parseLong(Shards.MEASURED.getProperty("controlled.bundled-recommended")), recommended.cost());
        assertTrue(recommended.cost() > 50 * attempt1.cost(), "the same scenarios, a correct design searched to the bound: "
                + recommended.cost() + " vs " + attempt1.cost());
        Shards.Unit unmeasured = new Shards.Unit("lincheck", recommended.design(), 3);
        assertEquals(30_000, unmeasured.cost(), "lincheck: not measured, 3 scenarios x 10 s");
    }
}
