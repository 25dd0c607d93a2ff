package dev.dextrace.model.ivars;

import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.Lockset;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.runtime.ExecutionContext;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The hooks rewritten driver bytecode calls before each access to the dext's plain state (see
 * {@link Transformer}), and the one place that turns an access into a Q-3 check. Public because
 * driver classes of any package call it; not an API for drivers.
 *
 * <p>Cost: a thread outside any world returns after one ThreadLocal read. Accesses while the world
 * boots (before its lanes start, one thread) are checked without an event. After that, an access the
 * hook performs itself (primitive array loads, array and field stores) is a protocol event and a switch point,
 * with the access inside the event's step, so a controlled run (and Lincheck) can switch threads
 * between a read and the write that follows it, and a run Lincheck finds replays on the controlled
 * runtime. Which accesses are events never depends on the order threads ran in. Field loads,
 * reference-array loads and collection calls are checked without an event (see {@link #NOTHING}).
 */
public final class Access {
    private static final Object STATICS = new Object();
    /**
     * The "access" of a hook that runs before the driver's own instruction (fields, reference-array
     * loads, collection calls): the access itself is not in the hook's step, so such a hook checks Q-3
     * but records no event (an event apart from its effect would let Lincheck switch threads between
     * the two, and the run would not replay on the controlled runtime).
     */
    private static final Supplier<Object> NOTHING = () -> null;
    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);
    private static final MethodHandle COLLECTION;
    /** Collections that synchronize themselves: their calls are synchronized accesses, like atomics. */
    private static final ClassValue<Boolean> THREAD_SAFE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return c.getPackageName().equals(ConcurrentMap.class.getPackageName()) || SYNCHRONIZED_WRAPPERS.contains(c);
        }
    };
    private static final Set<Class<?>> SYNCHRONIZED_WRAPPERS = new HashSet<>(List.of(
            Collections.synchronizedCollection(new ArrayList<>()).getClass(),
            Collections.synchronizedList(new ArrayList<>()).getClass(), Collections.synchronizedList(new LinkedList<>()).getClass(),
            Collections.synchronizedSet(new HashSet<>()).getClass(), Collections.synchronizedSortedSet(new TreeSet<>()).getClass(),
            Collections.synchronizedNavigableSet(new TreeSet<>()).getClass(), Collections.synchronizedMap(new HashMap<>()).getClass(),
            Collections.synchronizedSortedMap(new TreeMap<>()).getClass(), Collections.synchronizedNavigableMap(new TreeMap<>()).getClass()));

    private static final MethodHandle STORE_FIELD;
    private static final MethodHandle STORE_STATIC;

    static {
        try {
            MethodHandles.Lookup here = MethodHandles.lookup();
            COLLECTION = here.findStatic(Access.class, "collection", MethodType.methodType(void.class, Object.class, int.class));
            STORE_FIELD = here.findStatic(Access.class, "storeField",
                    MethodType.methodType(void.class, MethodHandle.class, int.class, Object.class, Object.class));
            STORE_STATIC = here.findStatic(Access.class, "storeStatic", MethodType.methodType(void.class, MethodHandle.class, int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Per thread: whether it is inside a hook. */
    private static final class ThreadState {
        boolean inHook;
    }

    private Access() {
    }

    // ---------------------------------------------------------------- called from rewritten bytecode

    public static void field(Object target, int site) {
        Site s = Site.get(site);
        if (target != null && s.plain()) {
            observe(target, s.fieldKey(), -1, s, NOTHING);
        }
    }

    public static void staticField(int site) {
        Site s = Site.get(site);
        if (s.plain()) {
            observe(STATICS, s.fieldKey(), -1, s, NOTHING);
        }
    }

    /** A reference array element load, before the driver's own aaload (its static type is the driver code's to know). */
    public static void element(Object array, int index, int site) {
        element(array, index, site, NOTHING);
    }

    // Primitive loads and all stores are performed inside the access's step, so the recorded order is the
    // order the values were read and written in (as SharedVariable's): a run Lincheck found replays.

    public static int iaload(int[] a, int i, int site) {
        return element(a, i, site, () -> a[i]);
    }

    public static long laload(long[] a, int i, int site) {
        return element(a, i, site, () -> a[i]);
    }

    public static float faload(float[] a, int i, int site) {
        return element(a, i, site, () -> a[i]);
    }

    public static double daload(double[] a, int i, int site) {
        return element(a, i, site, () -> a[i]);
    }

    public static int caload(char[] a, int i, int site) {
        return element(a, i, site, () -> (int) a[i]);
    }

    public static int saload(short[] a, int i, int site) {
        return element(a, i, site, () -> (int) a[i]);
    }

    /** baload serves byte[] and boolean[] alike, as the JVM's does. */
    public static int baload(Object a, int i, int site) {
        return element(a, i, site, () -> a instanceof boolean[] z ? (z[i] ? 1 : 0) : ((byte[]) a)[i]);
    }

    public static void iastore(int[] a, int i, int v, int site) {
        element(a, i, site, () -> a[i] = v);
    }

    public static void lastore(long[] a, int i, long v, int site) {
        element(a, i, site, () -> a[i] = v);
    }

    public static void fastore(float[] a, int i, float v, int site) {
        element(a, i, site, () -> a[i] = v);
    }

    public static void dastore(double[] a, int i, double v, int site) {
        element(a, i, site, () -> a[i] = v);
    }

    public static void castore(char[] a, int i, int v, int site) {
        element(a, i, site, () -> a[i] = (char) v);
    }

    public static void sastore(short[] a, int i, int v, int site) {
        element(a, i, site, () -> a[i] = (short) v);
    }

    public static void bastore(Object a, int i, int v, int site) {
        element(a, i, site, () -> {
            if (a instanceof boolean[] z) {
                z[i] = (v & 1) != 0;
            } else {
                ((byte[]) a)[i] = (byte) v;
            }
            return null;
        });
    }

    public static void aastore(Object[] a, int i, Object v, int site) {
        element(a, i, site, () -> a[i] = v);
    }

    private static <T> T element(Object array, int index, int site, Supplier<T> access) {
        return array == null ? access.get() : observe(array, index, index, Site.get(site), access);
    }

    /**
     * Bootstrap of a rewritten {@code putfield}: the store, performed by the hook in the access's step; a
     * final or volatile field (not observed) keeps its plain setter.
     */
    public static CallSite fieldStore(MethodHandles.Lookup lookup, String name, MethodType type, Class<?> owner, String field, int site)
            throws ReflectiveOperationException {
        MethodHandle setter = lookup.findSetter(owner, field, type.parameterType(1));
        if (!Site.get(site).plain()) {
            return new ConstantCallSite(setter.asType(type));
        }
        MethodHandle generic = setter.asType(MethodType.methodType(void.class, Object.class, Object.class));
        return new ConstantCallSite(MethodHandles.insertArguments(STORE_FIELD, 0, generic, site).asType(type));
    }

    /** Bootstrap of a rewritten {@code putstatic}, as {@link #fieldStore}. */
    public static CallSite staticStore(MethodHandles.Lookup lookup, String name, MethodType type, Class<?> owner, String field, int site)
            throws ReflectiveOperationException {
        MethodHandle setter = lookup.findStaticSetter(owner, field, type.parameterType(0));
        if (!Site.get(site).plain()) {
            return new ConstantCallSite(setter.asType(type));
        }
        MethodHandle generic = setter.asType(MethodType.methodType(void.class, Object.class));
        return new ConstantCallSite(MethodHandles.insertArguments(STORE_STATIC, 0, generic, site).asType(type));
    }

    static void storeField(MethodHandle setter, int site, Object target, Object value) {
        Site s = Site.get(site);
        if (target == null) {
            perform(() -> {
                setter.invokeExact(target, value);
            }); // the driver's own NullPointerException
            return;
        }
        observe(target, s.fieldKey(), -1, s, () -> perform(() -> {
            setter.invokeExact(target, value);
        }));
    }

    static void storeStatic(MethodHandle setter, int site, Object value) {
        Site s = Site.get(site);
        observe(STATICS, s.fieldKey(), -1, s, () -> perform(() -> {
            setter.invokeExact(value);
        }));
    }

    /** A store through a method handle; what it throws (an unchecked exception or an error) reaches the driver as the store's own. */
    private static Object perform(Store store) {
        try {
            store.run();
            return null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a field store failed: " + t, t);
        }
    }

    @FunctionalInterface
    private interface Store {
        void run() throws Throwable;
    }

    /** A call on a java.util collection: a read or a write of the whole collection, as the site says. */
    public static void collection(Object c, int site) {
        if (c != null && !THREAD_SAFE.get(c.getClass())) {
            observe(c, null, -1, Site.get(site), NOTHING);
        }
    }

    /** Bootstrap of a rewritten collection call: the hook on the receiver, then the original virtual call. */
    public static CallSite collectionCall(MethodHandles.Lookup lookup, String name, MethodType type, Class<?> owner, int site)
            throws ReflectiveOperationException {
        MethodHandle target = lookup.findVirtual(owner, name, type.dropParameterTypes(0, 1)).asType(type);
        MethodHandle hook = MethodHandles.insertArguments(COLLECTION, 1, site).asType(MethodType.methodType(void.class, type.parameterType(0)));
        return new ConstantCallSite(MethodHandles.foldArguments(target, hook));
    }

    public static void monitorEnter(Object o) {
        Lockset.monitorEnter(o);
    }

    public static void monitorExit(Object o) {
        Lockset.monitorExit(o);
    }

    /** A check without an event: the race it found, if any, and the access's result. */
    private record Checked<T>(Lockset.Race race, T result) {
    }

    /**
     * The check of an access recorded without an event, under the location's monitor, as one step for the
     * engines that switch threads inside the model (Lincheck): a thread switched out while it held the monitor
     * would block for ever another thread's event on the same location, itself an atomic step (seen as Lincheck
     * hangs on iolock-abba-deadlock and plain-locked-fault-tolerant once field stores became events).
     */
    @AtomicStep("one lockset check under the location's monitor")
    static <T> Checked<T> checkInStep(Lockset ls, String queue, Site s, Supplier<T> access) {
        synchronized (ls) {
            Lockset.Race race = ls.access(queue, s.write(), Lockset.heldLocks(), s.where());
            return new Checked<>(race, access.get());
        }
    }

    /** Checks one access and performs it ({@code access}) in the same step. */
    private static <T> T observe(Object target, Object member, int index, Site s, Supplier<T> access) {
        DriverKit dk = DriverKit.bound();
        if (dk == null) {
            return access.get(); // not a world's thread (a test constructing a driver): nothing to check against
        }
        ThreadState t = STATE.get();
        if (t.inHook || ExecutionContext.current().queue() == null) {
            // outside every queue block is not the dext's code but a harness's (a test, a script step on the
            // kernel's thread, a local array handed into a DispatchSync): the kernel never touches the dext's ivars
            return access.get();
        }
        String queue = Lockset.queueOfThisThread();
        Lockset ls = dk.plainState().lockset(target, member);
        String what = s.label() + (index >= 0 ? "[" + index + "]" : "");
        if (access == NOTHING || !dk.runtime().started()) {
            // checked without an event: booting (one thread), or an access outside the step (see NOTHING)
            Checked<T> checked = checkInStep(ls, queue, s, access);
            Lockset.Race race = checked.race();
            T result = checked.result();
            if (race != null) {
                // the access becomes an event only now, without a switch point (bookkeeping, as a fault is): the
                // interleaving then shows it, in its queue's column, as the violation
                race.file(dk.monitor(), what, dk.monitor().recordInStep(new Payload.FieldAccess(s.write(), what, s.where())));
            }
            return result;
        }
        t.inHook = true;
        try {
            return dk.eventAndApply(ls, new Payload.FieldAccess(s.write(), what, s.where()), e -> {
                Lockset.Race race = ls.access(queue, s.write(), Lockset.heldLocks(), s.where(), java.util.Optional.of(e.seq()));
                if (race != null) {
                    race.file(dk.monitor(), what, e);
                }
                return access.get();
            });
        } finally {
            t.inHook = false;
        }
    }

}
