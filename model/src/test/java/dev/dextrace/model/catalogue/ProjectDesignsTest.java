package dev.dextrace.model.catalogue;

import com.example.dext.MyDriver;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's {@code @DriverDesign} classes are found without naming them; filters still choose among them. */
class ProjectDesignsTest {
    @Test
    void theProjectsDesignsAreFoundOnTheClassPath() {
        assertEquals(java.util.List.of(MyDriver.class), Catalogue.project().map(DesignEntry::type).toJavaList(),
                "only annotated, concrete driver classes outside the model (dextrace's own test designs are skipped)");
        assertEquals(Catalogue.project(), Catalogue.select("project"));
        assertEquals(MyDriver.class, Catalogue.select("my-driver").head().type(), "by its @DriverDesign name");
        assertEquals(MyDriver.class, Catalogue.select(MyDriver.class.getName()).head().type(), "by its class name");
    }

    @Test
    void allIsTheCatalogueAndTheProject() {
        assertEquals(Catalogue.all(), Catalogue.select("catalogue"));
        assertEquals(Catalogue.all().appendAll(Catalogue.project()), Catalogue.select("all"));
        assertEquals(Catalogue.select("all"), Catalogue.select(""), "no filter is all");
        assertEquals(2, Catalogue.select("bundled-recommended, my-driver, my-driver").size(), "each design once");
    }

    @Test
    void aNameThatMatchesNothingListsWhatThereIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.select("my-drivr"));
        assertTrue(e.getMessage().contains("'my-drivr'"), e.getMessage());
        assertTrue(e.getMessage().contains("my-driver (com.example.dext.MyDriver)"), e.getMessage());
        assertTrue(e.getMessage().contains("bundled-recommended"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
