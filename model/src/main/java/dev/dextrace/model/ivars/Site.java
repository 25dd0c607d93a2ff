package dev.dextrace.model.ivars;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * One access point in a driver's bytecode, registered when its class is rewritten; the rewritten code
 * passes only the site's number, so the hook gets the source line without building a string.
 */
public final class Site {
    /** What the instruction touches. */
    public enum Kind { FIELD, STATIC_FIELD, ARRAY_ELEMENT, COLLECTION }

    private static final Object GROW = new Object();
    private static volatile Site[] sites = new Site[256];
    private static int count;

    private final int id;
    private final Kind kind;
    private final boolean write;
    /** FIELD, STATIC_FIELD: the field's owner (internal name) and name; else the field the array or collection was read from, or null. */
    private final String owner;
    private final String member;
    private final String where;
    private final ClassLoader loader;
    /** Whether accesses here are plain data accesses: false for final and volatile fields (decided on first use). */
    private volatile Boolean plain;

    private Site(int id, Kind kind, boolean write, String owner, String member, String file, int line, ClassLoader loader) {
        this.id = id;
        this.kind = kind;
        this.write = write;
        this.owner = owner;
        this.member = member;
        this.where = (file == null ? owner.substring(owner.lastIndexOf('/') + 1) + ".class" : file) + ":" + line;
        this.loader = loader;
    }

    static int register(Kind kind, boolean write, String owner, String member, String file, int line, ClassLoader loader) {
        synchronized (GROW) {
            int id = count++;
            Site[] a = sites;
            if (id == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[id] = new Site(id, kind, write, owner, member == null ? null : member.intern(), file, line, loader);
            sites = a;
            return id;
        }
    }

    static Site get(int id) {
        return sites[id];
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean write() {
        return write;
    }

    /** "Attempt2PlainArray.java:77" */
    public String where() {
        return where;
    }

    /** The field's key, the same for every site of one field: "dev/x/Foo.bar". */
    String fieldKey() {
        return owner + "." + member;
    }

    /** "Foo.bar", "fSlotState", or the kind when the bytecode did not name it. */
    String label() {
        return switch (kind) {
            case FIELD, STATIC_FIELD -> owner.substring(owner.lastIndexOf('/') + 1) + "." + member;
            case ARRAY_ELEMENT -> member == null ? "array" : member;
            case COLLECTION -> member == null ? "collection" : member;
        };
    }

    /**
     * Final fields cannot race and volatile ones are synchronized accesses (docs/decisions.md), so
     * neither is observed. Looked up once, by reflection, when the site is first reached.
     */
    boolean plain() {
        Boolean p = plain;
        if (p == null) {
            p = kind == Kind.ARRAY_ELEMENT || kind == Kind.COLLECTION || isPlainField();
            plain = p;
        }
        return p;
    }

    private boolean isPlainField() {
        try {
            for (Class<?> c = Class.forName(owner.replace('/', '.'), false, loader); c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(member)) {
                        return (f.getModifiers() & (Modifier.FINAL | Modifier.VOLATILE)) == 0;
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // cannot tell: observe it
        }
        return true;
    }
}
