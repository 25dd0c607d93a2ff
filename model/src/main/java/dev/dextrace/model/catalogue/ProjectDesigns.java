package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.vavr.Lazy;
import io.vavr.collection.List;

/**
 * The designs of the user's project: every concrete {@link DriverDesign} class on the class path outside
 * dextrace's catalogue, found by scanning class files (ClassGraph) so nobody lists class names. Libraries
 * dextrace itself runs on are skipped, which keeps a scan of the campaign's class path well under a second.
 */
final class ProjectDesigns {
    /** Packages that never hold a user's driver: the model (its catalogue is listed by name) and the libraries around it. */
    private static final String[] SKIPPED = {
            "dev.dextrace.model", "java", "javax", "jdk", "sun", "com.sun", "kotlin", "kotlinx", "org.jetbrains", "org.openjdk",
            "net.bytebuddy", "org.objectweb", "io.vavr", "com.fasterxml", "org.junit", "org.opentest4j", "picocli", "org.apache",
            "org.slf4j", "com.tngtech", "io.github.classgraph", "org.jsoup", "org.seleniumhq", "org.openqa", "com.google"};

    private static final Lazy<List<DesignEntry>> FOUND = Lazy.of(ProjectDesigns::scan);

    private ProjectDesigns() {
    }

    /** The project's designs, sorted by name; the scan runs once per JVM. */
    static List<DesignEntry> all() {
        return FOUND.get();
    }

    private static List<DesignEntry> scan() {
        // The model's packages are not scanned, so the annotation and the driver base class are "external" to the scan.
        try (ScanResult r = new ClassGraph().enableClassInfo().enableAnnotationInfo().enableExternalClasses()
                .rejectPackages(SKIPPED).scan()) {
            return List.ofAll(r.getClassesWithAnnotation(DriverDesign.class.getName()))
                    .filter(c -> !c.isAbstract() && !c.isInterface())
                    .map(ClassInfo::loadClass)
                    .filter(IOUserSCSIParallelInterfaceController.class::isAssignableFrom)
                    .map(c -> DesignEntry.of(c.asSubclass(IOUserSCSIParallelInterfaceController.class)))
                    .sortBy(DesignEntry::name);
        }
    }
}
