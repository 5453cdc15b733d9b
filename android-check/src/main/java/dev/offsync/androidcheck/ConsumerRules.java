package dev.offsync.androidcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The consumer keep rules an Android Gradle build applies from its dependencies, extracted the way it does: a jar's
 * {@code META-INF/com.android.tools/r8[-from-X][-upto-Y]/*.pro} for this R8 version if the jar has any
 * {@code META-INF/com.android.tools/} rules, else its {@code META-INF/proguard/*.pro}; an AAR's {@code proguard.txt}.
 */
final class ConsumerRules {
  private static final Pattern R8_DIR =
      Pattern.compile("META-INF/com\\.android\\.tools/r8(?:-from-([0-9.]+))?(?:-upto-([0-9.]+))?/[^/]+\\.pro");

  /** One rules file, and where it came from. */
  static final class RulesFile {
    final String origin;
    final Path file;

    RulesFile(String origin, Path file) {
      this.origin = origin;
      this.file = file;
    }
  }

  private ConsumerRules() {}

  /** Extracts the rules of each jar into {@code workDir} and returns them (AAR proguard.txt files as they are). */
  static List<RulesFile> extract(List<Path> jars, List<Path> aarProguardFiles, String r8Version, Path workDir)
      throws IOException {
    Objects.requireNonNull(jars, "jars == null");
    Files.createDirectories(workDir);
    List<RulesFile> out = new ArrayList<>();
    int n = 0;
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        List<ZipEntry> targeted = new ArrayList<>();
        List<ZipEntry> legacy = new ArrayList<>();
        boolean hasTargeted = false;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          String name = e.getName();
          if (name.startsWith("META-INF/com.android.tools/")) {
            hasTargeted = true;
            Matcher m = R8_DIR.matcher(name);
            if (m.matches() && inRange(r8Version, m.group(1), m.group(2))) {
              targeted.add(e);
            }
          } else if (name.startsWith("META-INF/proguard/") && name.endsWith(".pro")) {
            legacy.add(e);
          }
        }
        for (ZipEntry e : hasTargeted ? targeted : legacy) {
          Path target = workDir.resolve((n++) + "-" + Path.of(e.getName()).getFileName());
          try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, target);
          }
          out.add(new RulesFile(jar.getFileName() + "!/" + e.getName(), target));
        }
      }
    }
    for (Path p : aarProguardFiles) {
      if (Files.isRegularFile(p)) {
        out.add(new RulesFile(p.getParent().getFileName() + ".aar!/proguard.txt", p));
      }
    }
    return out;
  }

  static boolean inRange(String version, String from, String upto) {
    return (from == null || compare(version, from) >= 0) && (upto == null || compare(version, upto) < 0);
  }

  private static int compare(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parse(x[i]) : 0;
      int q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
