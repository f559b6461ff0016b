package dev.imgdiff.cli.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JUnitXmlTest {
    /** Validates against the Ant/Jenkins JUnit schema and returns the document. */
    static Document valid(String xml) throws Exception {
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var schema = sf.newSchema(JUnitXmlTest.class.getResource("/junit-jenkins.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static List<Element> all(Document d, String tag) {
        NodeList nl = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    @Test
    void oneTestCasePerRuleWithFailuresAndSkipsCounted() throws Exception {
        Document d = valid(JUnitXml.render(Reports.failing()));
        Element suites = d.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        for (Element e : List.of(suites, all(d, "testsuite").get(0))) {
            assertThat(e.getAttribute("tests")).isEqualTo("5");
            assertThat(e.getAttribute("failures")).isEqualTo("3");
            assertThat(e.getAttribute("errors")).isEqualTo("0");
            assertThat(e.getAttribute("skipped")).isEqualTo("1");
        }
        assertThat(all(d, "testcase")).extracting(e -> e.getAttribute("name")).containsExactly("max-size", "max-layers",
                "categories.toolchain", "forbid-paths", "dive.highestUserWastedPercent");
        assertThat(all(d, "failure")).extracting(e -> e.getAttribute("message")).containsExactly(
                "image size 412 MB exceeds the limit of 400 MB",
                "toolchain bytes 187 MB exceeds the limit of 0 B",
                "forbidden paths: 38 paths, 15.1 MB (none allowed)");
        assertThat(all(d, "failure").get(1).getTextContent())
                .contains("33.7 MB  /usr/lib/gcc/x86_64-linux-gnu/12/cc1")
                .contains("10 B  /usr/bin/evil|name\\x1b[31m");
        assertThat(all(d, "skipped")).hasSize(1);
        assertThat(((Element) all(d, "skipped").get(0).getParentNode()).getAttribute("name"))
                .isEqualTo("dive.highestUserWastedPercent");
    }

    @Test
    void aPassingBudgetHasNoFailures() throws Exception {
        Document d = valid(JUnitXml.render(Reports.passing()));
        assertThat(d.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(d.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(all(d, "failure")).isEmpty();
        assertThat(all(d, "system-out")).extracting(Element::getTextContent).containsExactly(
                "image size: 150 MB (limit 400 MB)",
                "efficiency (content / image size): 0.9877 (limit 0.95)",
                "growth of the image size: -2.00 MB (-1%) (limit 5%)");
    }

    @Test
    void theSchemaRejectsWhatItShould() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> valid(
                "<testsuites><testsuite name='x' tests='1' failures='0' errors='0'><testcase name='a'/></testsuite></testsuites>"))
                .hasMessageContaining("classname");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> valid(
                "<testsuites><testsuite name='x' tests='-1' failures='0' errors='0'/></testsuites>"))
                .hasMessageContaining("-1");
    }
}
