package io.sqlitekit.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * sqlitekit-bom cannot inherit the parent (see its pom), so nothing in Maven keeps it in step with the
 * reactor: this test does. Every module of the root pom that is published (not {@code pom} packaging, no
 * {@code maven.deploy.skip=true}) must be in the BOM, nothing else may be, and the versions must agree; and
 * the parent must carry what Maven Central requires (licence, SCM, developers, url).
 */
class BomCoverageTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void bomListsExactlyThePublishedModules() throws Exception {
    Document root = parse(ROOT.resolve("pom.xml"));
    Set<String> published = new TreeSet<>();
    List<String> modules = texts(root, "module");
    assertTrue(modules.contains("bom"), "the BOM is built with the reactor");
    for (String module : modules) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      String packaging = child(pom.getDocumentElement(), "packaging");
      boolean skipped = texts(pom, "maven.deploy.skip").contains("true");
      if (!"pom".equals(packaging) && !skipped) {
        published.add(child(pom.getDocumentElement(), "artifactId"));
      }
    }
    Document bom = parse(ROOT.resolve("bom/pom.xml"));
    Set<String> listed = new TreeSet<>(texts(bom, "artifactId"));
    listed.remove("sqlitekit-bom");
    assertFalse(published.isEmpty());
    assertEquals(published, listed, "sqlitekit-bom must list every published module and nothing else");
    assertEquals(child(root.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"),
        "the BOM's version must be the reactor's");
    for (String v : texts(bom, "version").subList(1, texts(bom, "version").size())) {
      assertEquals("${project.version}", v);
    }
  }

  @Test
  void publicationMetadataIsPresent() throws Exception {
    for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml"))) {
      Element p = parse(pom).getDocumentElement();
      for (String required : List.of("url", "licenses", "developers", "scm", "description", "name")) {
        assertFalse(child(p, required).isBlank(), pom + " lacks <" + required + ">");
      }
      assertTrue(child(p, "licenses").contains("Apache-2.0"), pom.toString());
    }
    assertTrue(Files.readString(ROOT.resolve("LICENSE")).contains("Apache License"), "LICENSE file");
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  private static List<String> texts(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent().trim());
    }
    return out;
  }

  /** The text of a direct child element, or "" when absent. */
  private static String child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
        return n.getTextContent().trim();
      }
    }
    return "";
  }
}
