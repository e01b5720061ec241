package io.pollen.jmh.reactor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.reactor.spi.BackendAliases;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws a backend comparison chart from the JMH JSON of {@link PollerWaitCostBenchmark} or
 * {@link ReactorRoundTripBenchmark} (any benchmark with {@code backend} and {@code idle} parameters
 * and a microseconds-per-operation score; the median for sampled latencies): one line per backend,
 * idle connections on x and microseconds per operation on y, both logarithmic so that a flat line
 * and a line growing a hundredfold are both readable. JFreeChart draws it, headless; jackson-core
 * reads the JSON.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.pollen.jmh.reactor.BackendCostChart \
 *     docs/benchmarks/wait-cost.json docs/benchmarks/wait-cost.png \
 *     "One wake-up + dispatch vs idle connections held" "AMD EPYC, 2 cores, Java 17"
 * </pre>
 */
public final class BackendCostChart {
    private static final List<String> BACKENDS =
            List.of(BackendAliases.SELECT, BackendAliases.POLL, BackendAliases.EPOLL, BackendAliases.NIO);
    private static final Color[] COLORS = {
        new Color(0xD62728), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0x1F77B4)};
    private static final Shape[] SHAPES = {
        new Rectangle2D.Double(-6, -6, 12, 12), new Ellipse2D.Double(-5, -5, 10, 10),
        ShapeUtils.createUpTriangle(6), ShapeUtils.createDiamond(6)};
    /**
     * Where each backend's last value is written. epoll and nio share a line, as select and poll do
     * until select stops: one label above, one below; select's to the right, clear of both lines.
     */
    private static final ItemLabelPosition[] LABELS = {
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_LEFT),
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_RIGHT),
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_RIGHT),
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_RIGHT)};
    /** The size the README shows the chart at. */
    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final Color GRID = new Color(0xD8D8D8);

    private BackendCostChart() {
    }

    /**
     * @param args the JMH JSON file, the PNG to write, the chart's title and a line naming the machine
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BackendCostChart <jmh-result.json> <chart.png> <title> <machine>");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path json = Path.of(args[0]);
        Results results = read(json);
        if (results.series.isEmpty()) {
            throw new IllegalArgumentException(json + " holds no result with backend and idle parameters");
        }
        JFreeChart chart = chart(results.series, args[2] + " (lower is better)",
                "JMH " + results.benchmark + "; " + args[3]);
        ChartUtils.saveChartAsPNG(Path.of(args[1]).toFile(), chart, WIDTH, HEIGHT);
    }

    /** What a JMH JSON file holds: the benchmark's short name, and per backend, idle to microseconds. */
    private static final class Results {
        private String benchmark = "";
        private final Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
    }

    private static Results read(Path json) throws IOException {
        Results results = new Results();
        try (JsonParser parser = new JsonFactory().createParser(json.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(json + " is not a JMH result array (-rf json)");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> result = new HashMap<>();
                flatten(parser, "", result);
                String backend = result.get("params.backend");
                String idle = result.get("params.idle");
                if (backend == null || idle == null) {
                    continue;
                }
                String benchmark = result.get("benchmark");
                // Keep "Class.method" of the fully qualified name.
                results.benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
                String unit = result.get("primaryMetric.scoreUnit");
                if (!"us/op".equals(unit)) {
                    throw new IllegalArgumentException("expected us/op, found " + unit);
                }
                // Sampled latencies are drawn at their median: a loaded machine's outliers move the mean.
                String score = result.get("sample".equals(result.get("mode"))
                        ? "primaryMetric.scorePercentiles.50.0" : "primaryMetric.score");
                results.series.computeIfAbsent(backend, b -> new TreeMap<>())
                        .put(Integer.valueOf(idle), Double.valueOf(score));
            }
        }
        return results;
    }

    /**
     * Reads the rest of the object the parser has just entered as dotted paths to scalar texts
     * ({@code "params.backend" -> "epoll"}); arrays (the raw samples) are skipped.
     */
    private static void flatten(JsonParser parser, String prefix, Map<String, String> into) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                flatten(parser, name + ".", into);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else {
                into.put(name, parser.getText());
            }
        }
    }

    private static JFreeChart chart(Map<String, TreeMap<Integer, Double>> series, String title, String subtitle) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setLegendLine(new Line2D.Double(-12, 0, 12, 0));
        for (int i = 0; i < BACKENDS.size(); i++) {
            String backend = BACKENDS.get(i);
            TreeMap<Integer, Double> points = series.get(backend);
            if (points == null) {
                continue;
            }
            XYSeries line = new XYSeries(backend.equals(BackendAliases.SELECT)
                    ? backend + "  (stops at FD_SETSIZE = 1024 descriptors)" : backend);
            points.forEach(line::add);
            int index = dataset.getSeriesCount();
            dataset.addSeries(line);
            style(renderer, index, i);
        }

        XYPlot plot = new XYPlot(dataset, idleAxis(series), microsAxis(series), renderer);
        // select and poll cost the same while select can run at all: select is drawn first, wide and
        // dashed, so that it stays visible under poll.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinePaint(new Color(0xEEEEEE));
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setRangeMinorGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        LegendTitle legend = new LegendTitle(renderer);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        legend.setBackgroundPaint(new Color(255, 255, 255, 230));
        legend.setPadding(new RectangleInsets(4, 8, 4, 8));
        legend.setPosition(RectangleEdge.LEFT);
        legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 2));
        legend.setMargin(new RectangleInsets(8, 8, 8, 8));
        // Relative coordinates are interpolated in value, not in log space: only 0 and 1 land on the edges.
        plot.addAnnotation(new XYTitleAnnotation(0, 1, legend, RectangleAnchor.TOP_LEFT));

        JFreeChart chart = new JFreeChart(null, null, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 12, 8, 24));
        chart.addSubtitle(title(title, new Font(Font.SANS_SERIF, Font.BOLD, 18)));
        chart.addSubtitle(title(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        return chart;
    }

    private static TextTitle title(String text, Font font) {
        TextTitle title = new TextTitle(text, font);
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        title.setPadding(new RectangleInsets(2, 4, 6, 4));
        return title;
    }

    /** Colour, marker and stroke of a backend, fixed by its place in {@link #BACKENDS}. */
    private static void style(XYLineAndShapeRenderer renderer, int series, int backend) {
        Stroke stroke = backend == 0
                ? new BasicStroke(7f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {12f, 8f}, 0f)
                : new BasicStroke(2.5f);
        renderer.setSeriesPaint(series, COLORS[backend]);
        renderer.setSeriesStroke(series, stroke);
        renderer.setSeriesShape(series, SHAPES[backend]);
        // Only the last point is labelled: the line's shape tells the rest, the table the exact values.
        renderer.setSeriesItemLabelGenerator(series, (data, s, item) -> item == data.getItemCount(s) - 1
                ? String.format(Locale.ROOT, "%.1f \u00b5s", data.getYValue(s, item)) : null);
        renderer.setSeriesItemLabelsVisible(series, true);
        renderer.setSeriesItemLabelFont(series, new Font(Font.SANS_SERIF, Font.BOLD, 13));
        renderer.setSeriesItemLabelPaint(series, COLORS[backend]);
        renderer.setSeriesPositiveItemLabelPosition(series, LABELS[backend]);
    }

    /** Log x axis ticked at the idle counts measured, which a reader looks for, not at round decades. */
    private static LogAxis idleAxis(Map<String, TreeMap<Integer, Double>> series) {
        SortedSet<Integer> idles = new TreeSet<>();
        series.values().forEach(points -> idles.addAll(points.keySet()));
        LogAxis axis = new LogAxis("idle connections registered (log scale)") {
            @Override
            protected List<ValueTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
                List<ValueTick> ticks = new ArrayList<>();
                for (int idle : idles) {
                    ticks.add(new NumberTick((double) idle, Integer.toString(idle), TextAnchor.TOP_CENTER,
                            TextAnchor.CENTER, 0.0));
                }
                return ticks;
            }
        };
        // A margin of a quarter of a point's value on each side keeps the first and last markers inside.
        axis.setRange(idles.first() / 1.25, idles.last() * 1.25);
        fonts(axis);
        return axis;
    }

    /** Log y axis over whole decades, labelled at each, with minor grid lines at 2 to 9 of each decade. */
    private static LogAxis microsAxis(Map<String, TreeMap<Integer, Double>> series) {
        double min = series.values().stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue)
                .min().orElse(1);
        double max = series.values().stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(10);
        double floor = Math.floor(Math.log10(min));
        double ceil = Math.max(Math.ceil(Math.log10(max)), floor + 1);
        LogAxis axis = new LogAxis("microseconds per operation (log scale)");
        axis.setRange(Math.pow(10, floor), Math.pow(10, ceil));
        DecimalFormat plain = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        // LogAxis spaces minor ticks evenly in value between two decades: 9 of them fall on 20, 30 ... 90.
        axis.setTickUnit(new NumberTickUnit(1, plain, 9), false, true);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(plain);
        fonts(axis);
        return axis;
    }

    private static void fonts(LogAxis axis) {
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        axis.setTickLabelPaint(Color.DARK_GRAY);
        axis.setAxisLinePaint(Color.BLACK);
    }
}
