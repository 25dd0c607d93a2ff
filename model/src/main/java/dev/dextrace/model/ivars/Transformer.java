package dev.dextrace.model.ivars;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Rewrites the methods of a driver class so every access to its plain state first calls a hook of
 * {@link Access} with the number of a {@link Site} (the source file and line come from the
 * LineNumberTable): field reads and writes, array element loads and stores, calls on the common
 * java.util collections, and entering and leaving {@code synchronized} blocks. Method bodies only,
 * as retransformation allows; no new locals, branches or frames, so the class's stack map stays valid.
 *
 * <p>Field accesses inside constructors and static initializers are left alone: they initialize the
 * object (and a constructor may not pass {@code this} before super() runs).
 */
final class Transformer implements ClassFileTransformer {
    private static final String ACCESS = Type.getInternalName(Access.class);
    /** java.util types whose calls count as reads or writes of the collection; java.util.concurrent ones are synchronized. */
    private static final Set<String> COLLECTIONS = Set.of(
            "java/util/Collection", "java/util/List", "java/util/Map", "java/util/Deque", "java/util/Set", "java/util/Queue",
            "java/util/SortedMap", "java/util/NavigableMap", "java/util/SortedSet", "java/util/NavigableSet", "java/util/SequencedCollection",
            "java/util/ArrayList", "java/util/LinkedList", "java/util/ArrayDeque", "java/util/PriorityQueue", "java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet",
            "java/util/EnumMap", "java/util/IdentityHashMap", "java/util/BitSet");
    /** Method-name prefixes of the calls that change a collection; every other call (get, size, contains, iterator, ...) reads it. */
    private static final String[] MUTATORS = {"add", "offer", "push", "pop", "poll", "remove", "retain", "clear", "put", "compute",
            "merge", "replace", "set", "sort", "flip", "and", "or", "xor"};
    private static final Handle COLLECTION_CALL = new Handle(Opcodes.H_INVOKESTATIC, ACCESS, "collectionCall",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/Class;I)Ljava/lang/invoke/CallSite;",
            false);
    /** Bootstraps of a rewritten field store: the hook performs the store itself, in the access's step. */
    private static final Handle FIELD_STORE = new Handle(Opcodes.H_INVOKESTATIC, ACCESS, "fieldStore",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/Class;Ljava/lang/String;I)"
                    + "Ljava/lang/invoke/CallSite;", false);
    private static final Handle STATIC_STORE = new Handle(Opcodes.H_INVOKESTATIC, ACCESS, "staticStore",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/Class;Ljava/lang/String;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined, ProtectionDomain domain, byte[] bytes) {
        if (className == null || !Ivars.isDriverClassName(className)) {
            return null;
        }
        try {
            byte[] out = rewrite(bytes, loader);
            Ivars.transformed(className);
            return out;
        } catch (RuntimeException | LinkageError e) {
            Ivars.warn("cannot observe the plain state of " + className + ": " + e);
            return null;
        }
    }

    static boolean isMutator(String method) {
        for (String m : MUTATORS) {
            if (method.startsWith(m)) {
                return true;
            }
        }
        return false;
    }

    static byte[] rewrite(byte[] bytes, ClassLoader loader) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String file;

            @Override
            public void visitSource(String source, String debug) {
                file = source;
                super.visitSource(source, debug);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return new Rewriter(mv, reader.getClassName(), file, loader, name.equals("<init>") || name.equals("<clinit>"));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Rewriter extends MethodVisitor {
        private final String className;
        private final String file;
        private final ClassLoader loader;
        private final boolean initializer;
        private int line;
        /** The array-typed and the object-typed field read last: what an array or collection access is labelled with. */
        private String lastArrayField;
        private String lastObjectField;

        Rewriter(MethodVisitor mv, String className, String file, ClassLoader loader, boolean initializer) {
            super(Opcodes.ASM9, mv);
            this.className = className;
            this.file = file;
            this.loader = loader;
            this.initializer = initializer;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        private int site(Site.Kind kind, boolean write, String owner, String member) {
            return Site.register(kind, write, owner == null ? className : owner, member, file, line, loader);
        }

        private void push(int v) {
            if (v <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, v);
            } else {
                super.visitLdcInsn(v);
            }
        }

        private void hook(String name, String descriptor) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, ACCESS, name, descriptor, false);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
                if (descriptor.startsWith("[")) {
                    lastArrayField = name;
                } else if (descriptor.startsWith("L")) {
                    lastObjectField = name;
                }
            }
            if (!initializer) {
                switch (opcode) {
                    case Opcodes.GETFIELD -> {
                        super.visitInsn(Opcodes.DUP);
                        push(site(Site.Kind.FIELD, false, owner, name));
                        hook("field", "(Ljava/lang/Object;I)V");
                    }
                    case Opcodes.PUTFIELD -> {
                        // the store itself goes through the hook (a call site per field), so it is an event and a
                        // switch point with the store in its step: a run can switch between a read and this write
                        super.visitInvokeDynamicInsn("putfield", "(L" + owner + ";" + descriptor + ")V", FIELD_STORE,
                                Type.getObjectType(owner), name, site(Site.Kind.FIELD, true, owner, name));
                        return;
                    }
                    case Opcodes.PUTSTATIC -> {
                        super.visitInvokeDynamicInsn("putstatic", "(" + descriptor + ")V", STATIC_STORE,
                                Type.getObjectType(owner), name, site(Site.Kind.STATIC_FIELD, true, owner, name));
                        return;
                    }
                    default -> {
                        push(site(Site.Kind.STATIC_FIELD, false, owner, name));
                        hook("staticField", "(I)V");
                    }
                }
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitInsn(int opcode) {
            switch (opcode) {
                case Opcodes.AALOAD -> {
                    super.visitInsn(Opcodes.DUP2);
                    push(site(Site.Kind.ARRAY_ELEMENT, false, null, lastArrayField));
                    hook("element", "(Ljava/lang/Object;II)V");
                    super.visitInsn(opcode);
                }
                case Opcodes.IALOAD -> load("iaload", "[I", "I");
                case Opcodes.LALOAD -> load("laload", "[J", "J");
                case Opcodes.FALOAD -> load("faload", "[F", "F");
                case Opcodes.DALOAD -> load("daload", "[D", "D");
                case Opcodes.CALOAD -> load("caload", "[C", "I");
                case Opcodes.SALOAD -> load("saload", "[S", "I");
                case Opcodes.BALOAD -> load("baload", "Ljava/lang/Object;", "I");
                case Opcodes.IASTORE -> store("iastore", "[III");
                case Opcodes.LASTORE -> store("lastore", "[JIJ");
                case Opcodes.FASTORE -> store("fastore", "[FIF");
                case Opcodes.DASTORE -> store("dastore", "[DID");
                case Opcodes.CASTORE -> store("castore", "[CII");
                case Opcodes.SASTORE -> store("sastore", "[SII");
                case Opcodes.BASTORE -> store("bastore", "Ljava/lang/Object;II");
                case Opcodes.AASTORE -> store("aastore", "[Ljava/lang/Object;ILjava/lang/Object;");
                case Opcodes.MONITORENTER -> {
                    super.visitInsn(Opcodes.DUP);
                    super.visitInsn(opcode);
                    hook("monitorEnter", "(Ljava/lang/Object;)V");
                }
                case Opcodes.MONITOREXIT -> {
                    super.visitInsn(Opcodes.DUP);
                    hook("monitorExit", "(Ljava/lang/Object;)V");
                    super.visitInsn(opcode);
                }
                default -> super.visitInsn(opcode);
            }
        }

        /** A primitive load through the hook, which performs it in the access's step. */
        private void load(String hook, String array, String result) {
            push(site(Site.Kind.ARRAY_ELEMENT, false, null, lastArrayField));
            hook(hook, "(" + array + "II)" + result);
        }

        /** The store goes through the hook, which performs it in the access's step: no locals are needed to keep array and index. */
        private void store(String hook, String args) {
            push(site(Site.Kind.ARRAY_ELEMENT, true, null, lastArrayField));
            hook(hook, "(" + args + "I)V");
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if ((opcode == Opcodes.INVOKEINTERFACE || opcode == Opcodes.INVOKEVIRTUAL) && COLLECTIONS.contains(owner)) {
                int site = site(Site.Kind.COLLECTION, isMutator(name), null, lastObjectField);
                super.visitInvokeDynamicInsn(name, "(L" + owner + ";" + descriptor.substring(1), COLLECTION_CALL,
                        Type.getObjectType(owner), site);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }
    }
}
