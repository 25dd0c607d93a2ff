package dev.dextrace.model.ivars;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dext's instance variables, observed: when a world is built for a driver, the bytecode of the
 * driver's classes is rewritten (through an agent the JVM attaches to itself) so that every read and
 * write of their plain fields, array elements and java.util collections is a Q-3 check, and, once a
 * second queue shares the location, a protocol event and a switch point (see {@link Access}).
 *
 * <p>The driver's classes: the design class, its superclasses outside dextrace's model, and the
 * classes of their packages they use (nested, inner and helper classes), transitively. Never the
 * model (dev.dextrace.model.*, except the catalogue, which is driver code), never the JDK.
 *
 * <p>{@code -Ddextrace.ivars=off} turns it off (for measuring its cost); Q-3 then sees only
 * {@code SharedVariable}s. The JVM must allow an agent to attach: on JDK 17 Byte Buddy attaches from a
 * helper process unless {@code -Djdk.attach.allowAttachSelf=true} lets it attach directly; JDK 21+
 * wants {@code -XX:+EnableDynamicAgentLoading} to attach without a warning.
 */
public final class Ivars {
    /** The system property that turns plain-state observation on (default) or off. */
    public static final String PROPERTY = "dextrace.ivars";
    /** The JVM option that lets the agent attach to its own JVM directly (else Byte Buddy starts a helper process): for child JVMs. */
    public static final String ATTACH_SELF = "-Djdk.attach.allowAttachSelf=true";

    /**
     * The options a child JVM that runs driver code needs: Byte Buddy's agent jar as {@code -javaagent}, so the
     * instrumentation is there from the start instead of attached (a self-attach costs about 0.25 s of each
     * JVM's start, more under load: every jcstress fork pays it), and {@link #ATTACH_SELF} as the fallback
     * when the agent is not a jar file (classes from a directory).
     */
    public static List<String> childJvmOptions() {
        CodeSource agent = ByteBuddyAgent.class.getProtectionDomain().getCodeSource();
        Optional<Path> jar = Optional.ofNullable(agent).map(CodeSource::getLocation).flatMap(Ivars::path)
                .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"));
        return jar.map(p -> List.of("-javaagent:" + p, ATTACH_SELF)).orElse(List.of(ATTACH_SELF));
    }

    private static Optional<Path> path(URL location) {
        try {
            return Optional.of(Path.of(location.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final Set<String> DRIVER_CLASSES = ConcurrentHashMap.newKeySet();
    private static final Set<String> TRANSFORMED = ConcurrentHashMap.newKeySet();
    private static final Set<Class<?>> HANDLED = ConcurrentHashMap.newKeySet();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    /** Driver code shipped with the model, rewritten like a user's (named, not imported: the catalogue sits above ivars). */
    static final String CATALOGUE_PACKAGE = "dev.dextrace.model.catalogue";
    private static final CodeSource MODEL = Ivars.class.getProtectionDomain().getCodeSource();
    private static Instrumentation instrumentation;
    private static boolean unavailable;

    private Ivars() {
    }

    /** Whether plain-state observation is on: {@value #PROPERTY} is unset, "on" or "off". */
    public static boolean enabled() {
        String v = System.getProperty(PROPERTY, "on");
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(PROPERTY + " must be on or off, was '" + v + "'");
        };
    }

    /**
     * Makes the plain state of {@code design}'s classes observed from now on (a no-op after the first
     * call for a class). Classes already loaded are retransformed; the rest are rewritten as they load.
     */
    public static void instrument(Class<?> design) {
        if (!enabled() || HANDLED.contains(design)) {
            return;
        }
        synchronized (Ivars.class) {
            if (!HANDLED.add(design) || !isDriverCode(design) || !attach()) {
                return;
            }
            List<Class<?>> classes = driverClasses(design);
            classes.forEach(c -> DRIVER_CLASSES.add(Type.getInternalName(c)));
            List<Class<?>> stale = classes.stream().filter(c -> !TRANSFORMED.contains(Type.getInternalName(c))).toList();
            if (!stale.isEmpty()) {
                try {
                    instrumentation.retransformClasses(stale.toArray(Class<?>[]::new));
                } catch (UnmodifiableClassException | RuntimeException e) {
                    warn("cannot observe the plain state of " + design.getName() + ": " + e);
                }
            }
        }
    }

    /** Whether {@code c}'s bytecode has been rewritten (a test's check that a design is observed). */
    public static boolean isInstrumented(Class<?> c) {
        return TRANSFORMED.contains(Type.getInternalName(c));
    }

    static boolean isDriverClassName(String internalName) {
        return DRIVER_CLASSES.contains(internalName);
    }

    static void transformed(String internalName) {
        TRANSFORMED.add(internalName);
    }

    /** One line on stderr per distinct problem: observation is a check, never a reason to fail a run. */
    static void warn(String message) {
        if (WARNED.add(message)) {
            System.err.println("dextrace: " + message + " (Q-3 sees only SharedVariable there)");
        }
    }

    private static boolean attach() {
        if (instrumentation == null && !unavailable) {
            try {
                instrumentation = ByteBuddyAgent.install();
                instrumentation.addTransformer(new Transformer(), true);
            } catch (RuntimeException e) {
                unavailable = true;
                warn("cannot attach the instrumentation agent (" + e.getMessage() + "); run the JVM with -Djdk.attach.allowAttachSelf=true");
            }
        }
        return instrumentation != null;
    }

    /** Driver code: loaded by an application class loader, not the model (the catalogue excepted). */
    static boolean isDriverCode(Class<?> c) {
        ClassLoader l = c.getClassLoader();
        if (c.isArray() || c.isPrimitive() || c.isHidden() || l == null || l == ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        boolean model = MODEL != null && cs != null && Objects.equals(MODEL.getLocation(), cs.getLocation());
        return !model || c.getPackageName().equals(CATALOGUE_PACKAGE) && !c.getName().equals(CATALOGUE_PACKAGE + ".Catalogue");
    }

    /** The design, its driver superclasses, and the classes of their packages they use, transitively. */
    private static List<Class<?>> driverClasses(Class<?> design) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c = design; c != null && isDriverCode(c); c = c.getSuperclass()) {
            todo.add(c);
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!found.add(c)) {
                continue;
            }
            for (String name : referencedClasses(c)) {
                Class<?> used = load(name, c.getClassLoader());
                if (used != null && !found.contains(used) && used.getClassLoader() == c.getClassLoader()
                        && used.getPackageName().equals(c.getPackageName()) && isDriverCode(used)) {
                    todo.add(used);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The classes {@code c}'s fields and code name (not its InnerClasses or nest attributes: a nested design does not use its test class). */
    private static Set<String> referencedClasses(Class<?> c) {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = c.getClassLoader().getResourceAsStream(Type.getInternalName(c) + ".class")) {
            if (in == null) {
                return names;
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    add(Type.getType(descriptor));
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            add(Type.getObjectType(type));
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                            add(Type.getObjectType(owner));
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                            add(Type.getObjectType(owner));
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof Type t && t.getSort() != Type.METHOD) {
                                add(t);
                            }
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
                            for (Object a : args) {
                                if (a instanceof Handle h) {
                                    add(Type.getObjectType(h.getOwner()));
                                }
                            }
                        }
                    };
                }

                private void add(Type t) {
                    Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
                    if (e.getSort() == Type.OBJECT) {
                        names.add(e.getInternalName());
                    }
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            warn("cannot read the bytecode of " + c.getName() + ": " + e.getMessage());
        }
        return names;
    }
}
