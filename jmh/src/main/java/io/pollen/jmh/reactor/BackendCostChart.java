package io.pollen.jmh.reactor;

import io.pollen.reactor.spi.BackendAliases;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws a backend comparison chart from the JMH JSON of {@link PollerWaitCostBenchmark} or
 * {@link ReactorRoundTripBenchmark} (any benchmark with {@code backend} and {@code idle} parameters
 * and a microseconds-per-operation score; the median for sampled latencies): one line per backend, idle connections on x and
 * microseconds per operation on y, both logarithmic so that a flat line and a line growing a
 * hundredfold are both readable. Uses only {@code java.awt} in headless mode.
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
    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 40;
    private static final int TOP = 80;
    private static final int BOTTOM = 80;

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
        BufferedImage image = draw(results.series, args[2] + " (lower is better)",
                "JMH " + results.benchmark + "; " + args[3]);
        ImageIO.write(image, "png", Path.of(args[1]).toFile());
    }

    /** What a JMH JSON file holds: the benchmark's short name, and per backend, idle to microseconds. */
    private static final class Results {
        private String benchmark = "";
        private final Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
    }

    private static Results read(Path json) throws IOException {
        Object root = JmhJson.parse(Files.readString(json, StandardCharsets.UTF_8));
        Results results = new Results();
        for (Object entry : (List<?>) root) {
            Map<?, ?> result = (Map<?, ?>) entry;
            Map<?, ?> params = (Map<?, ?>) result.get("params");
            if (params == null || !params.containsKey("backend") || !params.containsKey("idle")) {
                continue;
            }
            String benchmark = (String) result.get("benchmark");
            // Keep "Class.method" of the fully qualified name.
            results.benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<?, ?> metric = (Map<?, ?>) result.get("primaryMetric");
            if (!"us/op".equals(metric.get("scoreUnit"))) {
                throw new IllegalArgumentException("expected us/op, found " + metric.get("scoreUnit"));
            }
            // Sampled latencies are drawn at their median: a loaded machine's outliers move the mean.
            Object score = "sample".equals(result.get("mode"))
                    ? ((Map<?, ?>) metric.get("scorePercentiles")).get("50.0")
                    : metric.get("score");
            results.series.computeIfAbsent((String) params.get("backend"), b -> new TreeMap<>())
                    .put(Integer.valueOf((String) params.get("idle")), (Double) score);
        }
        return results;
    }

    private static BufferedImage draw(Map<String, TreeMap<Integer, Double>> series, String title, String subtitle) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        int minIdle = series.values().stream().mapToInt(TreeMap::firstKey).min().orElse(1);
        int maxIdle = series.values().stream().mapToInt(TreeMap::lastKey).max().orElse(10);
        DoubleSummaryStatistics micros = series.values().stream().flatMap(s -> s.values().stream())
                .mapToDouble(Double::doubleValue).summaryStatistics();
        Axes axes = new Axes(Math.log10(minIdle), Math.log10(maxIdle),
                Math.floor(Math.log10(micros.getMin())), Math.ceil(Math.log10(micros.getMax())));

        g.setColor(Color.BLACK);
        int titleSize = 20;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        while (titleSize > 12 && LEFT + g.getFontMetrics().stringWidth(title) > WIDTH - RIGHT / 2) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --titleSize));
        }
        g.drawString(title, LEFT, 34);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(subtitle, LEFT, 58);

        drawGrid(g, axes, series);
        int legendY = TOP + 20;
        for (int i = 0; i < BACKENDS.size(); i++) {
            String backend = BACKENDS.get(i);
            TreeMap<Integer, Double> points = series.get(backend);
            if (points == null) {
                continue;
            }
            drawSeries(g, axes, points, COLORS[i], i);
            g.setColor(COLORS[i]);
            g.fillRect(LEFT + 20, legendY - 10, 24, 4);
            marker(g, i, LEFT + 32, legendY - 8);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            String label = backend + (backend.equals(BackendAliases.SELECT)
                    ? "  (stops at FD_SETSIZE = 1024 descriptors)" : "");
            g.drawString(label, LEFT + 52, legendY - 3);
            legendY += 22;
        }
        g.dispose();
        return image;
    }

    private static void drawGrid(Graphics2D g, Axes axes, Map<String, TreeMap<Integer, Double>> series) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        for (double decade = axes.logYMin; decade < axes.logYMax; decade++) {
            for (double factor : new double[] {1, 2, 5}) {
                double value = factor * Math.pow(10, decade);
                int y = axes.y(value);
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, value < 1 ? "%.1f" : "%.0f", value);
                g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 5);
            }
        }
        SortedSet<Integer> ticks = new TreeSet<>();
        series.values().forEach(points -> ticks.addAll(points.keySet()));
        for (int idle : ticks) {
            int x = axes.x(idle);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String label = Integer.toString(idle);
            g.drawString(label, x - metrics.stringWidth(label) / 2, HEIGHT - BOTTOM + 20);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString("idle connections registered (log scale)", WIDTH / 2 - 120, HEIGHT - 30);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("microseconds per operation (log scale)", -(TOP + (HEIGHT - TOP - BOTTOM) / 2) - 120, 30);
        rotated.dispose();
    }

    private static void drawSeries(Graphics2D g, Axes axes, TreeMap<Integer, Double> points, Color color,
                                   int shape) {
        g.setColor(color);
        // select and poll cost the same while select can run at all: select's wider dashed line stays
        // visible under poll's.
        g.setStroke(shape == 0
                ? new BasicStroke(7f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {12f, 8f}, 0f)
                : new BasicStroke(2.5f));
        int previousX = -1;
        int previousY = -1;
        for (Map.Entry<Integer, Double> point : points.entrySet()) {
            int x = axes.x(point.getKey());
            int y = axes.y(point.getValue());
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            previousX = x;
            previousY = y;
        }
        g.setStroke(new BasicStroke(1f));
        for (Map.Entry<Integer, Double> point : points.entrySet()) {
            marker(g, shape, axes.x(point.getKey()), axes.y(point.getValue()));
        }
        Map.Entry<Integer, Double> last = points.lastEntry();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        String label = String.format(Locale.ROOT, "%.1f \u00b5s", last.getValue());
        int labelX = Math.min(axes.x(last.getKey()) - 30, WIDTH - 8 - g.getFontMetrics().stringWidth(label));
        g.drawString(label, labelX, axes.y(last.getValue()) + (shape == 0 || shape == 3 ? 24 : -10));
    }

    private static void marker(Graphics2D g, int shape, int x, int y) {
        switch (shape) {
            case 0:
                g.fillRect(x - 6, y - 6, 12, 12);
                break;
            case 1:
                g.fillOval(x - 5, y - 5, 10, 10);
                break;
            case 2:
                g.fillPolygon(new int[] {x - 6, x + 6, x}, new int[] {y + 5, y + 5, y - 7}, 3);
                break;
            default:
                g.fillPolygon(new int[] {x - 6, x, x + 6, x}, new int[] {y, y - 6, y, y + 6}, 4);
        }
    }

    /** Maps data to pixels: log10 of idle connections on x, log10 of microseconds on y. */
    private static final class Axes {
        private final double logMin;
        private final double logMax;
        private final double logYMin;
        private final double logYMax;

        Axes(double logMin, double logMax, double logYMin, double logYMax) {
            this.logMin = logMin;
            this.logMax = logMax == logMin ? logMin + 1 : logMax;
            this.logYMin = logYMin;
            this.logYMax = logYMax == logYMin ? logYMin + 1 : logYMax;
        }

        int x(int idle) {
            double fraction = (Math.log10(idle) - logMin) / (logMax - logMin);
            return LEFT + 30 + (int) Math.round(fraction * (WIDTH - LEFT - RIGHT - 80));
        }

        int y(double micros) {
            double fraction = (Math.log10(micros) - logYMin) / (logYMax - logYMin);
            return HEIGHT - BOTTOM - (int) Math.round(fraction * (HEIGHT - TOP - BOTTOM));
        }
    }
}
