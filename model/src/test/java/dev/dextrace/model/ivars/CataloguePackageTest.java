package dev.dextrace.model.ivars;

import dev.dextrace.model.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ivars names the catalogue's package instead of importing it (no package cycle); the name must stay right. */
class CataloguePackageTest {
    @Test
    void theCatalogueIsRewrittenLikeAUsersDriver() {
        assertEquals(Catalogue.class.getPackageName(), Ivars.CATALOGUE_PACKAGE);
    }
}
