package dev.offsync.androidcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.codehaus.mojo.animal_sniffer.Clazz;
import org.codehaus.mojo.animal_sniffer.SignatureObjectInputStream;

/**
 * An animal-sniffer signature (here Android API 26: java.*, javax.*, android.*, org.json, ... as an app sees them),
 * read into a map from internal class name to its declared members ("name(desc)ret" for methods, "name#desc" for
 * fields), super class and interfaces.
 */
final class ApiSignature {
  private final Map<String, Clazz> classes;

  private ApiSignature(Map<String, Clazz> classes) {
    this.classes = classes;
  }

  static ApiSignature read(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    Map<String, Clazz> classes = new HashMap<>();
    try (InputStream raw = Files.newInputStream(file);
        ObjectInputStream in = new SignatureObjectInputStream(new GZIPInputStream(raw))) {
      while (true) {
        Clazz c = (Clazz) in.readObject();
        if (c == null) {
          break;
        }
        classes.put(c.getName(), c);
      }
    } catch (ClassNotFoundException e) {
      throw new IOException("not an animal-sniffer signature: " + file, e);
    }
    if (classes.isEmpty()) {
      throw new IOException("empty signature: " + file);
    }
    return new ApiSignature(classes);
  }

  /** The class of this internal name, or null if the API has no such class. */
  Clazz get(String internalName) {
    return classes.get(internalName);
  }

  int size() {
    return classes.size();
  }
}
