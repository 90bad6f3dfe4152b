import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints one line with the counts of every test this build ran, read from the JUnit XML reports
 * (Surefire's and bnd-testing's, which prints no counts of its own), names each failure, and exits
 * non-zero when any test failed. Reports older than the build are ignored.
 *
 * Usage: java .ci/TestSummary.java ROOT [BUILD_START_ISO_INSTANT]
 */
public class TestSummary {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b([^>]*)>");
    private static final Pattern CASE = Pattern.compile(
            "<testcase\\b[^>]*?name=\"([^\"]*)\"[^>]*?classname=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)|"
                    + "<testcase\\b[^>]*?classname=\"([^\"]*)\"[^>]*?name=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)",
            Pattern.DOTALL);

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Instant since = args.length > 1 && !args[1].isBlank() ? Instant.parse(args[1]) : Instant.EPOCH;
        int tests = 0, failed = 0, skipped = 0, reports = 0;
        List<String> failures = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path report : files.filter(TestSummary::isReport).sorted().toList()) {
                if (Files.getLastModifiedTime(report).toInstant().isBefore(since)) {
                    continue;
                }
                reports++;
                String xml = Files.readString(report);
                Matcher suite = SUITE.matcher(xml);
                if (!suite.find()) {
                    continue;
                }
                String attributes = suite.group(1);
                tests += count(attributes, "tests");
                failed += count(attributes, "failures") + count(attributes, "errors");
                skipped += count(attributes, "skipped");
                Matcher testCase = CASE.matcher(xml);
                while (testCase.find()) {
                    String name = testCase.group(1) != null ? testCase.group(1) : testCase.group(6);
                    String className = testCase.group(2) != null ? testCase.group(2) : testCase.group(5);
                    String body = testCase.group(4) != null ? testCase.group(4) : testCase.group(8);
                    if (body != null && (body.contains("<failure") || body.contains("<error"))) {
                        failures.add(className + "#" + name);
                    }
                }
            }
        }
        for (String failure : failures) {
            System.out.println("FAILED: " + failure);
        }
        System.out.printf("Tests: %d passed, %d failed, %d skipped%n", tests - failed - skipped, failed, skipped);
        if (reports == 0) {
            System.out.println("no test reports found under " + root.toAbsolutePath());
            System.exit(1);
        }
        System.exit(failed > 0 ? 1 : 0);
    }

    private static boolean isReport(Path path) {
        String name = path.getFileName().toString();
        String parent = path.getParent() == null ? "" : path.toString();
        return name.endsWith(".xml") && name.startsWith("TEST-")
                && (parent.contains("/target/surefire-reports/") || parent.contains("/target/test-reports/"));
    }

    private static int count(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(attributes);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
