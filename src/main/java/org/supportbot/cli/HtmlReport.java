package org.supportbot.cli;

import java.util.Locale;
import org.springframework.web.util.HtmlUtils;
import org.supportbot.nlu.EvaluationReport;

/**
 * The evaluation as one self-contained HTML page: the headline figures, a per-intent table, the
 * confusion matrix as a heat map, and the mistakes with their texts.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(EvaluationReport report) {
        var m = report.metrics();
        var html = new StringBuilder(64 * 1024);
        html.append("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Support Bot: evaluation</title>
                <style>
                body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2433;background:#fafbfc}
                h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px}
                .muted{color:#667085} .cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
                .card{background:#fff;border:1px solid #e4e7ec;border-radius:10px;padding:12px 16px;min-width:150px}
                .card b{display:block;font-size:24px} table{border-collapse:collapse;background:#fff}
                th,td{border:1px solid #e4e7ec;padding:4px 8px;text-align:left} td.n{text-align:right}
                .heat td{width:22px;height:22px;padding:0;text-align:center;font-size:11px}
                .heat th.col{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:12px;padding:4px 2px}
                .heat th.row{font-weight:normal;font-size:12px;white-space:nowrap}
                .bad{color:#b42318} .scroll{overflow-x:auto}
                </style></head><body>
                """);
        html.append("<h1>Evaluation</h1><div class=muted>").append(escape(report.description())).append("</div>");
        html.append("<div class=cards>");
        card(html, "in-scope accuracy", m.inScopeAccuracy(), "top intent right");
        card(html, "answered correctly", m.answeredCorrectRate(), "in-scope lines");
        if (!Double.isNaN(m.oosRecall())) {
            card(html, "out-of-scope recall", m.oosRecall(), "not answered");
        }
        card(html, "wrong answers", m.wrongAnswerRate(), "lower is better");
        card(html, "macro F1", m.macroF1(), "");
        html.append("<div class=card>p50 / p99<b>").append(format("%.0f / %.0f µs", m.p50Micros(), m.p99Micros()))
                .append("</b><span class=muted>").append(m.n()).append(" lines</span></div></div>");

        html.append("<h2>Per intent</h2><table><tr><th>intent</th><th>lines</th><th>precision</th><th>recall</th><th>F1</th><th>top-1 accuracy</th></tr>");
        for (var s : report.intents()) {
            html.append("<tr><td>").append(escape(s.intent())).append("</td><td class=n>").append(s.support())
                    .append("</td><td class=n>").append(format("%.3f", s.precision()))
                    .append("</td><td class=n>").append(format("%.3f", s.recall()))
                    .append("</td><td class=n").append(s.f1() < 0.8 ? " bad" : "").append('>').append(format("%.3f", s.f1()))
                    .append("</td><td class=n>").append(format("%.3f", s.topAccuracy())).append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Confusion matrix</h2><div class=muted>rows: expected intent; columns: the bot's top intent. Off-diagonal cells are confusions.</div>");
        html.append("<div class=scroll><table class=heat><tr><th></th>");
        var labels = report.labels();
        for (var label : labels) {
            html.append("<th class=col>").append(escape(label)).append("</th>");
        }
        html.append("</tr>");
        for (int row = 0; row < labels.size(); row++) {
            int rowTotal = 0;
            for (int value : report.confusion()[row]) {
                rowTotal += value;
            }
            if (rowTotal == 0) {
                continue;
            }
            html.append("<tr><th class=row>").append(escape(labels.get(row))).append("</th>");
            for (int col = 0; col < labels.size(); col++) {
                int value = report.confusion()[row][col];
                double share = (double) value / rowTotal;
                var colour = row == col ? "22,163,74" : "220,38,38";
                html.append("<td title=\"").append(escape(labels.get(row) + " → " + labels.get(col) + ": " + value)).append("\" style=\"background:rgba(")
                        .append(colour).append(',').append(format("%.2f", value == 0 ? 0 : 0.12 + 0.88 * share)).append(")\">")
                        .append(value == 0 ? "" : String.valueOf(value)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table></div>");

        html.append("<h2>Mistakes</h2><div class=muted>wrong answers first, then lines handed over or clarified that should have been answered</div>");
        html.append("<table><tr><th>expected</th><th>text</th><th>what the bot did</th><th>top intent</th><th>confidence</th></tr>");
        for (var mistake : report.mistakes()) {
            html.append("<tr><td>").append(escape(mistake.expected())).append("</td><td>").append(escape(mistake.text()))
                    .append("</td><td").append(mistake.outcome().startsWith("answered") ? " class=bad" : "").append('>')
                    .append(escape(mistake.outcome())).append("</td><td>").append(escape(mistake.topIntent()))
                    .append("</td><td class=n>").append(format("%.2f", mistake.confidence())).append("</td></tr>");
        }
        html.append("</table></body></html>\n");
        return html.toString();
    }

    private static void card(StringBuilder html, String title, double value, String note) {
        html.append("<div class=card>").append(escape(title)).append("<b>").append(format("%.3f", value))
                .append("</b><span class=muted>").append(escape(note)).append("</span></div>");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
