package dev.offsync.androidcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.codehaus.mojo.animal_sniffer.Clazz;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks every class, method and field reference of a jar of (shrunk) class files against the program itself and
 * an API signature, member by member: a method or field is found if the owner or one of its super types declares
 * it, walking program classes and API classes alike. Annotations are not checked (ART ignores missing ones).
 */
final class ReferenceChecker {
  private static final int ASM = Opcodes.ASM9;

  /** A program class: super types and declared members, in the signature's notation. */
  private static final class ProgramClass {
    final String superName;
    final String[] interfaces;
    final Set<String> members = new HashSet<>();

    ProgramClass(String superName, String[] interfaces) {
      this.superName = superName;
      this.interfaces = interfaces == null ? new String[0] : interfaces;
    }
  }

  private final ApiSignature api;
  private final Map<String, ProgramClass> program = new HashMap<>();
  private final Set<Violation> violations = new LinkedHashSet<>();
  private int classesChecked;

  private ReferenceChecker(ApiSignature api) {
    this.api = api;
  }

  /** The violations of the classes in {@code jar}, in the order found. */
  static Result check(Path jar, ApiSignature api) throws IOException {
    Objects.requireNonNull(jar, "jar == null");
    Objects.requireNonNull(api, "api == null");
    ReferenceChecker checker = new ReferenceChecker(api);
    List<byte[]> classes = readClasses(jar);
    for (byte[] bytes : classes) {
      checker.index(new ClassReader(bytes));
    }
    for (byte[] bytes : classes) {
      checker.checkClass(new ClassReader(bytes));
    }
    return new Result(new ArrayList<>(checker.violations), checker.classesChecked);
  }

  /** What a check found. */
  static final class Result {
    final List<Violation> violations;
    final int classesChecked;

    Result(List<Violation> violations, int classesChecked) {
      this.violations = violations;
      this.classesChecked = classesChecked;
    }
  }

  private static List<byte[]> readClasses(Path jar) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
          try (InputStream in = zip.getInputStream(e)) {
            out.add(in.readAllBytes());
          }
        }
      }
    }
    return out;
  }

  private void index(ClassReader reader) {
    reader.accept(
        new ClassVisitor(ASM) {
          ProgramClass c;

          @Override
          public void visit(
              int version, int access, String name, String sig, String superName, String[] interfaces) {
            c = new ProgramClass(superName, interfaces);
            program.put(name, c);
          }

          @Override
          public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
            c.members.add(name + "#" + desc);
            return null;
          }

          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String sig, String[] exceptions) {
            c.members.add(name + desc);
            return null;
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
  }

  private void checkClass(ClassReader reader) {
    classesChecked++;
    reader.accept(
        new ClassVisitor(ASM) {
          String self;

          @Override
          public void visit(
              int version, int access, String name, String sig, String superName, String[] interfaces) {
            self = name;
            if (superName != null) {
              type(self, "<class>", superName);
            }
            if (interfaces != null) {
              for (String i : interfaces) {
                type(self, "<class>", i);
              }
            }
          }

          @Override
          public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
            descriptor(self, name, Type.getType(desc));
            return null;
          }

          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String sig, String[] exceptions) {
            String member = name + desc;
            descriptor(self, member, Type.getMethodType(desc));
            if (exceptions != null) {
              for (String e : exceptions) {
                type(self, member, e);
              }
            }
            return new MethodVisitor(ASM) {
              @Override
              public void visitTypeInsn(int opcode, String type) {
                descriptor(self, member, Type.getObjectType(type));
              }

              @Override
              public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                field(self, member, owner, fname, fdesc);
              }

              @Override
              public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                method(self, member, owner, mname, mdesc);
              }

              @Override
              public void visitInvokeDynamicInsn(String iname, String idesc, Handle bsm, Object... args) {
                descriptor(self, member, Type.getMethodType(idesc));
                handle(self, member, bsm);
                for (Object a : args) {
                  constant(self, member, a);
                }
              }

              @Override
              public void visitLdcInsn(Object value) {
                constant(self, member, value);
              }

              @Override
              public void visitMultiANewArrayInsn(String adesc, int dims) {
                descriptor(self, member, Type.getType(adesc));
              }

              @Override
              public void visitTryCatchBlock(
                  org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                  org.objectweb.asm.Label handler, String type) {
                if (type != null) {
                  type(self, member, type);
                }
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
  }

  private void constant(String from, String member, Object value) {
    if (value instanceof Type) {
      Type t = (Type) value;
      descriptor(from, member, t.getSort() == Type.METHOD ? t : t);
    } else if (value instanceof Handle) {
      handle(from, member, (Handle) value);
    }
  }

  private void handle(String from, String member, Handle h) {
    if (h.getTag() <= Opcodes.H_PUTSTATIC) {
      field(from, member, h.getOwner(), h.getName(), h.getDesc());
    } else {
      method(from, member, h.getOwner(), h.getName(), h.getDesc());
    }
  }

  private void descriptor(String from, String member, Type t) {
    switch (t.getSort()) {
      case Type.ARRAY:
        descriptor(from, member, t.getElementType());
        break;
      case Type.OBJECT:
        type(from, member, t.getInternalName());
        break;
      case Type.METHOD:
        for (Type a : t.getArgumentTypes()) {
          descriptor(from, member, a);
        }
        descriptor(from, member, t.getReturnType());
        break;
      default:
        break;
    }
  }

  private boolean type(String from, String member, String internalName) {
    if (internalName.startsWith("[")) {
      descriptor(from, member, Type.getType(internalName));
      return true;
    }
    if (program.containsKey(internalName) || api.get(internalName) != null) {
      return true;
    }
    violations.add(new Violation(Violation.Kind.MISSING_CLASS, from, member, internalName));
    return false;
  }

  private void field(String from, String member, String owner, String name, String desc) {
    descriptor(from, member, Type.getType(desc));
    if (owner.startsWith("[") || !type(from, member, owner)) {
      return;
    }
    if (!declares(owner, name + "#" + desc, new HashSet<>())) {
      violations.add(
          new Violation(Violation.Kind.MISSING_FIELD, from, member, owner + "." + name + "#" + desc));
    }
  }

  private void method(String from, String member, String owner, String name, String desc) {
    descriptor(from, member, Type.getMethodType(desc));
    if (owner.startsWith("[")) {
      descriptor(from, member, Type.getType(owner));
      return; // clone() and Object's methods on arrays
    }
    if (!type(from, member, owner)) {
      return;
    }
    if (isSignaturePolymorphic(owner, name)) {
      return; // MethodHandle.invoke*, VarHandle.get/set...: any descriptor is valid
    }
    if (!declares(owner, name + desc, new HashSet<>()) && !declares("java/lang/Object", name + desc, new HashSet<>())) {
      violations.add(new Violation(Violation.Kind.MISSING_METHOD, from, member, owner + "." + name + desc));
    }
  }

  private static boolean isSignaturePolymorphic(String owner, String name) {
    return owner.equals("java/lang/invoke/MethodHandle") && name.startsWith("invoke")
        || owner.equals("java/lang/invoke/VarHandle");
  }

  /** Whether the class or one of its super types (program or API) declares the member. */
  private boolean declares(String owner, String memberKey, Set<String> seen) {
    if (owner == null || !seen.add(owner)) {
      return false;
    }
    ProgramClass p = program.get(owner);
    if (p != null) {
      if (p.members.contains(memberKey)) {
        return true;
      }
      if (declares(p.superName, memberKey, seen)) {
        return true;
      }
      for (String i : p.interfaces) {
        if (declares(i, memberKey, seen)) {
          return true;
        }
      }
      return false;
    }
    Clazz c = api.get(owner);
    if (c == null) {
      return false; // a missing super type is reported where it is referenced
    }
    if (c.getSignatures().contains(memberKey)) {
      return true;
    }
    if (declares(c.getSuperClass(), memberKey, seen)) {
      return true;
    }
    String[] interfaces = c.getSuperInterfaces();
    if (interfaces != null) {
      for (String i : interfaces) {
        if (declares(i, memberKey, seen)) {
          return true;
        }
      }
    }
    return false;
  }
}
