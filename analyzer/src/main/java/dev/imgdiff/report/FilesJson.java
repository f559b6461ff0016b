package dev.imgdiff.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/** Writes each path record of a report on one line: a saved report of 300,000 paths stays readable and small. */
final class FilesJson {
    private FilesJson() {
    }

    /** One {@link ImageReport.FileEntry} as compact JSON, whatever the surrounding indentation. */
    static final class EntrySerializer extends JsonSerializer<ImageReport.FileEntry> {
        @Override
        public void serialize(ImageReport.FileEntry e, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            StringBuilder sb = new StringBuilder(96);
            sb.append("{\"path\":");
            quote(sb, e.path());
            sb.append(",\"type\":");
            quote(sb, e.type());
            if (e.link() != null) {
                sb.append(",\"link\":");
                quote(sb, e.link());
            }
            sb.append(",\"category\":");
            quote(sb, e.category());
            sb.append(",\"package\":").append(e.pkg()).append(",\"changes\":[");
            for (int i = 0; i < e.changes().size(); i++) {
                ImageReport.PathChange c = e.changes().get(i);
                sb.append(i == 0 ? "[" : ",[").append(c.layer()).append(",\"").append(c.change()).append("\",")
                        .append(c.bytes()).append(']');
            }
            sb.append("]}");
            gen.writeRawValue(sb.toString());
        }

        private static void quote(StringBuilder sb, String s) {
            if (s == null) {
                sb.append("null");
                return;
            }
            sb.append('"');
            JsonStringEncoder.getInstance().quoteAsString(s, sb);
            sb.append('"');
        }
    }
}
