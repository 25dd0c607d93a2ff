package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.monitor.Invariant;
import dev.dextrace.model.monitor.RegisteredInvariant;
import dev.dextrace.model.monitor.RuleBook;
import dev.dextrace.model.monitor.RuleId;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A driver design as the harnesses see it: its class and the expectation its {@link DriverDesign}
 * annotation declares, and the invariants every engine runs on it (its own, then the project's). Works the same
 * for catalogue designs and a user's own.
 */
public record DesignEntry(String name, String summary, Class<? extends IOUserSCSIParallelInterfaceController> type,
                          SortedSet<String> violates, SortedSet<String> mayAlsoViolate, DriverDesign.Path path,
                          List<RegisteredInvariant> invariants) {

    public DesignEntry {
        invariants = List.copyOf(invariants);
    }

    /**
     * Reads the design's annotation, with the project's invariants; the message says what is missing. The catalogue's
     * own designs (this package) do not take the project's: they are dextrace's worked examples, loaded whenever any
     * design is, so a broken service file of a user's project surfaces on the user's designs, as one line.
     */
    public static DesignEntry of(Class<? extends IOUserSCSIParallelInterfaceController> type) {
        boolean catalogue = type.getPackageName().equals(DesignEntry.class.getPackageName());
        return of(type, catalogue || type.getAnnotation(DriverDesign.class) == null ? List.of() : RegisteredInvariant.project());
    }

    /** Reads the design's annotation, with {@code project} as the project's invariants. */
    public static DesignEntry of(Class<? extends IOUserSCSIParallelInterfaceController> type, List<RegisteredInvariant> project) {
        DriverDesign d = type.getAnnotation(DriverDesign.class);
        if (d == null) {
            throw new IllegalArgumentException(type.getName() + " has no @DriverDesign annotation: declare its name, path and the rules it violates");
        }
        if (d.name().isBlank()) {
            throw new IllegalArgumentException(type.getName() + ": @DriverDesign name must not be blank");
        }
        List<RegisteredInvariant> invariants = new ArrayList<>();
        for (Class<? extends Invariant> i : d.invariants()) {
            try {
                invariants.add(RegisteredInvariant.of(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.getName() + ": @DriverDesign invariants: " + e.getMessage());
            }
        }
        project.stream().filter(p -> invariants.stream().noneMatch(mine -> mine.type() == p.type())).forEach(invariants::add);
        RuleBook rules;
        try {
            rules = RuleBook.of(invariants.stream().flatMap(i -> i.rules().stream()).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.getName() + ": " + e.getMessage());
        }
        checkRules(type, "violates", d.violates(), rules);
        checkRules(type, "mayAlsoViolate", d.mayAlsoViolate(), rules);
        return new DesignEntry(d.name(), d.summary(), type, TreeSet.of(d.violates()), TreeSet.of(d.mayAlsoViolate()), d.path(), invariants);
    }

    /** A misspelt rule ID would make a design unpassable (or a rule silently tolerated): refused when the design is loaded. */
    private static void checkRules(Class<?> type, String field, String[] ids, RuleBook rules) {
        for (String id : ids) {
            if (!rules.knows(id)) {
                throw new IllegalArgumentException(type.getName() + ": @DriverDesign " + field + " names '" + id
                        + "', which is not a rule; rules: " + rules.ids() + (rules.custom().isEmpty() ? "" : " (the protocol's, then its invariants')"));
            }
        }
    }

    /** The custom rules of this design's invariants, in order. */
    public List<RuleId.Custom> customRules() {
        return invariants.stream().flatMap(i -> i.rules().stream()).distinct().toList();
    }

    /** The custom rules of these designs' invariants, each once: what a results file declares in its {@code rules}. */
    public static List<RuleId.Custom> customRules(Collection<DesignEntry> designs) {
        return designs.stream().flatMap(d -> d.customRules().stream()).distinct().toList();
    }

    /** A design by fully qualified class name (user designs on the class path). */
    @SuppressWarnings("unchecked")
    public static DesignEntry forClassName(String className) {
        try {
            Class<?> c = Class.forName(className);
            if (!IOUserSCSIParallelInterfaceController.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(className + " does not extend IOUserSCSIParallelInterfaceController");
            }
            return of((Class<? extends IOUserSCSIParallelInterfaceController>) c);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("design class " + className + " is not on the class path");
        }
    }

    /** Declared clean: any violation is a false alarm. */
    public boolean declaredClean() {
        return violates.isEmpty();
    }

    /** Whether a rule seen on this design was foreseen (expected or tolerated). */
    public boolean foresees(String ruleId) {
        return violates.contains(ruleId) || mayAlsoViolate.contains(ruleId);
    }

    /**
     * A one-call check's verdict on what a search showed: fails when a rule showed that the design does not
     * foresee (any rule, on a design declared clean), then when a declared rule did not show. {@code searched}
     * says how much was searched ("3 scenarios, 240 interleavings"); {@code describe} gives where a rule showed.
     */
    public void assertShown(Set<String> found, String searched, Function<String, String> describe) {
        List<String> unforeseen = unforeseen(found);
        if (!unforeseen.isEmpty()) {
            throw new AssertionError(name + (declaredClean() ? " is declared clean but violates " : " violates rules it does not foresee: ")
                    + String.join(", ", unforeseen) + "\n\n" + unforeseen.stream().map(describe).collect(Collectors.joining("\n\n")));
        }
        List<String> missed = missed(found);
        if (!missed.isEmpty()) { // asked to show a rule and did not: a check that cannot fail would pass here
            throw new AssertionError(name + " declares " + String.join(", ", missed) + " but the search did not show it: " + searched
                    + "; found " + (found.isEmpty() ? "nothing" : String.join(", ", new java.util.TreeSet<>(found))));
        }
    }

    /** The rules in {@code found} the design does not foresee (every one, on a design declared clean), sorted. */
    public List<String> unforeseen(Set<String> found) {
        return found.stream().filter(r -> declaredClean() || !foresees(r)).sorted().toList();
    }

    /** The rules the design declares that {@code found} lacks, sorted. */
    public List<String> missed(Set<String> found) {
        return violates.filter(r -> !found.contains(r)).toJavaList();
    }

    /** A fresh driver instance (one per world). */
    public IOUserSCSIParallelInterfaceController create() {
        try {
            Constructor<? extends IOUserSCSIParallelInterfaceController> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a no-argument constructor to be run by the harnesses");
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructing " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + e, e);
        }
    }
}
