package dev.dextrace.model.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the model's {@link AtomicStep}s by reflection, for engines that run them as one step. */
public final class AtomicSteps {
    private static final String ROOT = "dev/dextrace/model/";

    private AtomicSteps() {
    }

    /**
     * The names of the atomic steps of every class of the model (the jar or classes directory this
     * class was loaded from), by class name. Engines match methods by name, so a name counts only
     * when every declared method of that name is a step.
     *
     * @throws IllegalStateException if a name is a step in one overload and not in another
     */
    public static Map<String, Set<String>> byClass() {
        Map<String, Set<String>> steps = new TreeMap<>();
        for (String className : modelClasses()) {
            Set<String> names;
            try {
                names = stepsOf(Class.forName(className, false, AtomicSteps.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load model class " + className + ": " + e, e);
            } catch (LinkageError e) {
                continue; // it needs a library this class path lacks (e.g. the results' JSON), so it cannot run here either
            }
            if (!names.isEmpty()) {
                steps.put(className, names);
            }
        }
        return steps;
    }

    /** The step names of one class; see {@link #byClass()}. */
    static Set<String> stepsOf(Class<?> c) {
        List<Method> methods = Arrays.stream(c.getDeclaredMethods()).filter(m -> !m.isSynthetic()).collect(Collectors.toList());
        boolean whole = c.isAnnotationPresent(AtomicStep.class);
        Set<String> names = methods.stream().filter(m -> whole || m.isAnnotationPresent(AtomicStep.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        for (Method m : methods) {
            if (names.contains(m.getName()) && !whole && !m.isAnnotationPresent(AtomicStep.class)) {
                throw new IllegalStateException(c.getName() + "." + m.getName() + ": one overload is an @AtomicStep and this one is"
                        + " not; engines match steps by name, so annotate every overload or none");
            }
        }
        return names;
    }

    private static List<String> modelClasses() {
        Path where;
        try {
            where = Path.of(AtomicSteps.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the model's classes are: " + e, e);
        }
        try {
            Stream<String> entries;
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where.resolve(ROOT))) {
                    entries = files.map(p -> where.relativize(p).toString().replace('\\', '/')).collect(Collectors.toList()).stream();
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    entries = jar.stream().map(e -> e.getName()).collect(Collectors.toList()).stream();
                }
            }
            return entries.filter(n -> n.startsWith(ROOT) && n.endsWith(".class") && !n.endsWith("-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model's classes in " + where, e);
        }
    }
}
