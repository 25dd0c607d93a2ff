package dev.dextrace.model.monitor;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * An invariant class registered for campaigns (on a design or for the project), checked once when it is
 * registered: it can be made with a public no-argument constructor and declares its rules. Each run makes a
 * fresh instance with {@link #create()}, so no state leaks from one run to the next.
 */
public record RegisteredInvariant(Class<? extends Invariant> type, List<RuleId.Custom> rules) {

    /** Where a project registers its invariants, the standard {@link ServiceLoader} file. */
    public static final String SERVICE_FILE = "META-INF/services/" + Invariant.class.getName();

    public RegisteredInvariant {
        rules = List.copyOf(rules);
    }

    /** Checks the class and reads its rules from one instance; the message names the class and the problem. */
    public static RegisteredInvariant of(Class<? extends Invariant> type) {
        Invariant probe = instantiate(type);
        List<RuleId.Custom> rules;
        try {
            rules = probe.rules();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invariant " + type.getName() + ": rules() failed: " + e);
        }
        if (rules == null || rules.isEmpty() || rules.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("invariant " + type.getName()
                    + ": rules() must list the rules it files, e.g. List.of(new RuleId.Custom(\"HW-1\", \"meaning\"))");
        }
        rules.forEach(r -> RuleBook.refuseProtocolId(r, "invariant " + type.getName()));
        return new RegisteredInvariant(type, rules);
    }

    /** A fresh instance, for one run. */
    public Invariant create() {
        return instantiate(type);
    }

    private static Invariant instantiate(Class<? extends Invariant> type) {
        try {
            Constructor<? extends Invariant> c = type.getConstructor();
            if (!Modifier.isPublic(type.getModifiers())) {
                throw new NoSuchMethodException();
            }
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("invariant " + type.getName()
                    + " needs to be a public class with a public no-argument constructor: every run makes a fresh instance");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("invariant " + type.getName() + ": its constructor threw " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) { // abstract class; a failing static initializer
            throw new IllegalArgumentException("invariant " + type.getName() + " cannot be made: " + e);
        }
    }

    /** The project's invariants: every class its {@link #SERVICE_FILE}s on the class path name, read once per JVM. */
    public static synchronized List<RegisteredInvariant> project() {
        if (project == null) { // not cached when it fails: every design load then says why
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            project = project(context != null ? context : RegisteredInvariant.class.getClassLoader());
        }
        return project;
    }

    private static List<RegisteredInvariant> project;

    /** The invariants the {@link #SERVICE_FILE}s visible to {@code loader} name, in class path order. */
    public static List<RegisteredInvariant> project(ClassLoader loader) {
        try {
            return ServiceLoader.load(Invariant.class, loader).stream().map(p -> of(p.type())).toList();
        } catch (ServiceConfigurationError e) { // a listed class that is missing, not an Invariant, or has no public no-arg constructor
            throw new IllegalArgumentException(SERVICE_FILE + ": " + e.getMessage());
        }
    }
}
