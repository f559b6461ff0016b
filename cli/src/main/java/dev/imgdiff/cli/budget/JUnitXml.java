package dev.imgdiff.cli.budget;

import dev.imgdiff.budget.BudgetReport;
import dev.imgdiff.budget.Offender;
import dev.imgdiff.budget.RuleResult;
import dev.imgdiff.cli.render.Sanitizer;
import dev.imgdiff.cli.render.Sizes;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The budget's verdicts as JUnit XML (the Ant/Jenkins format CI servers read): one test case per rule, a
 * failure with the limit and the actual figure for each broken rule, skipped for a rule turned off.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String render(BudgetReport report) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            String tests = Integer.toString(report.results().size());
            String failures = Long.toString(report.failures());
            String skipped = Long.toString(report.skipped());
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "imgdiff budget");
            counts(x, tests, failures, skipped);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean("imgdiff budget " + report.image()));
            counts(x, tests, failures, skipped);
            for (RuleResult r : report.results()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", clean(r.rule()));
                x.writeAttribute("classname", "imgdiff.budget");
                x.writeAttribute("time", "0");
                if (r.failed()) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement("failure");
                    x.writeAttribute("message", Figures.failure(r));
                    x.writeAttribute("type", "budget");
                    x.writeCharacters(details(r));
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                } else if (r.status() == RuleResult.Status.SKIP) {
                    x.writeCharacters("\n      ");
                    x.writeEmptyElement("skipped");
                    x.writeAttribute("message", clean(r.note()));
                    x.writeCharacters("\n    ");
                } else {
                    x.writeCharacters("\n      ");
                    x.writeStartElement("system-out");
                    String[] p = Figures.pair(r);
                    x.writeCharacters(clean(r.what() + ": " + p[1] + " (limit " + p[0] + ")"));
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    private static void counts(XMLStreamWriter x, String tests, String failures, String skipped) throws XMLStreamException {
        x.writeAttribute("tests", tests);
        x.writeAttribute("failures", failures);
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", skipped);
        x.writeAttribute("time", "0");
    }

    private static String details(RuleResult r) {
        StringBuilder sb = new StringBuilder(Figures.failure(r));
        if (!r.note().isEmpty()) {
            sb.append("\n").append(clean(r.note()));
        }
        for (Offender o : r.offenders()) {
            sb.append("\n").append(Sizes.human(o.bytes())).append("  ").append(clean(o.what()));
            if (o.files() > 1) {
                sb.append(" (").append(Sizes.count(o.files())).append(" files)");
            }
        }
        return sb.append("\n").toString();
    }

    private static String clean(String s) {
        return Sanitizer.clean(s);
    }
}
