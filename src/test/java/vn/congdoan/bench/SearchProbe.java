package vn.congdoan.bench;

import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The nominations' search ({@code /ho-so}) and its CSV export at province scale: seeds {@code scale.nominations}
 * rows of the read model ({@code nomination}, the only table the search reads) straight in SQL, spread over
 * five years, the province's superior unions and 300 grassroots unions, most of them finished, with Vietnamese
 * names that repeat as real ones do; then asks the app's pages as the auditor (everything), a superior union's
 * reviewer (its units) and a preparer (one unit), HTTP Basic, and prints p50 / p95 per query. Not a test:
 * figures only.
 *
 * <pre>./mvnw -Pbenchmark verify -Dbench.main=vn.congdoan.bench.SearchProbe -Dscale.nominations=300000</pre>
 */
public final class SearchProbe {
  static final List<String> USERS = List.of("kiemtra.tinh", "thamdinh.yte", "lap.bvdk");

  /** What is asked, by name: the search page's query strings (the CSV export takes the same). */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("first page, newest first", "/ho-so");
    QUERIES.put("nominee name contains", "/ho-so?nominee=" + URLEncoder.encode("quàng thị mai", StandardCharsets.UTF_8));
    QUERIES.put("year 2026, in review", "/ho-so?year=2026&status=IN_REVIEW");
    QUERIES.put("overdue", "/ho-so?overdue=true");
    QUERIES.put("award form, by nominee", "/ho-so?awardForm=bang-khen-tinh&sort=nominee&dir=asc");
    QUERIES.put("page 40", "/ho-so?page=40");
    QUERIES.put("CSV export, one year and form", "/ho-so.csv?year=2025&awardForm=giay-khen");
  }

  public static void main(String[] args) throws Exception {
    ThroughputBenchmark.quietLogs();
    int nominations = Integer.getInteger("scale.nominations", 300_000);
    int samples = Integer.getInteger("probe.samples", 50);
    try (EmbeddedPostgres postgres = TaskListProbe.throwAwayPostgres().start()) {
      GreenMail smtp = TaskListProbe.smtp();
      try (ChildApp award = TaskListProbe.startAward(postgres, smtp)) {
        long t0 = System.nanoTime();
        try (Connection db = postgres.getDatabase("postgres", "award").getConnection();
            Statement s = db.createStatement()) {
          s.execute(seed(nominations));
          s.execute("vacuum analyze nomination");
        }
        System.out.printf(Locale.ROOT, "%nseeded %d nominations in %.1f s%n", nominations, (System.nanoTime() - t0) / 1e9);
        probe(award, samples);
        TaskListProbe.holdIfAsked(postgres);
      } finally {
        smtp.stop();
      }
    }
  }

  /** One statement: the read model's rows, deterministic (the same figures are comparable between runs). */
  static String seed(int n) {
    return """
        with units(i, unit, superior) as (
          select u, 'cs_bench_' || u, (array['tp_laichau','tamduong','phongtho','sinho','muongte','thanuyen',
            'tanuyen','namnhun','cdn_yte','cdn_giaoduc','cd_vienchuc'])[1 + u %% 11]
          from generate_series(0, 299) u
          union all select 300, 'cs_bvdk_tinh', 'cdn_yte'
        ), rows as (
          select g, 2022 + g %% 5 as year, u.unit, u.superior,
            (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi','Đỗ','Lò','Quàng','Tòng'])[1 + g %% 12]
              || ' ' || (array['Văn','Thị','Minh','Thu','Đức','Ngọc','Hồng'])[1 + (g / 12) %% 7]
              || ' ' || (array['An','Bình','Cường','Dũng','Hà','Hạnh','Hùng','Lan','Mai','Nam','Oanh','Phúc',
                 'Quân','Sơn','Thảo','Xuân'])[1 + (g / 84) %% 16] as name,
            (array['giay-khen','giay-khen','giay-khen','bang-khen-tinh','bang-khen-tinh','co-thi-dua-tinh',
              'bang-khen-tld'])[1 + g %% 7] as form,
            case (g / 5) %% 15 when 0 then 'IN_REVIEW' when 1 then 'RETURNED' when 2 then 'REJECTED'
              when 3 then 'WITHDRAWN' else 'AWARDED' end as status
          from generate_series(1, %d) g join units u on u.i = (g::bigint * 7919) %% 301
        )
        insert into nomination (process_instance_id, code, nominee_name, nominee_key, nominee_kind, nominee_position,
          holds_leadership_post, direct_worker, unit_code, superior_unit_code, province_unit_code, award_form,
          deciding_level, movement, round_code, round_year, preparer, status, current_step, current_step_name,
          overdue, outcome, outcome_reason, decision_body, decision_number, decision_date, award_money, created_at,
          updated_at, ended_at)
        select 'bench-' || g, 'HS-' || year || '-B' || lpad(g::text, 7, '0'), name, lower(name), 'individual',
          'Công nhân', false, true, unit, superior, 'tinh', form, 'SUPERIOR', 'lao-dong-gioi', year || '-tong-ket',
          year, 'lap.bench', status,
          case when status in ('IN_REVIEW', 'RETURNED') then 'superiorVetting' end,
          case when status in ('IN_REVIEW', 'RETURNED') then 'Công đoàn cấp trên thẩm định' end,
          status in ('IN_REVIEW', 'RETURNED') and g %% 4 = 0,
          case when status not in ('IN_REVIEW', 'RETURNED') then status end,
          case when status = 'REJECTED' then 'Chưa đủ tiêu chuẩn theo quy định.' end,
          case when status = 'AWARDED' then superior end,
          case when status = 'AWARDED' then g || '/QĐ-B' end,
          case when status = 'AWARDED' then make_date(year, 12, 1 + g %% 28) end,
          case when status = 'AWARDED' then 1170000 end,
          make_timestamp(year, 1 + g %% 11, 1 + g %% 28, g %% 24, g %% 60, 0),
          make_timestamp(year, 1 + g %% 11, 1 + g %% 28, g %% 24, g %% 60, 0) + interval '3 days',
          case when status not in ('IN_REVIEW', 'RETURNED') then
            make_timestamp(year, 1 + g %% 11, 1 + g %% 28, g %% 24, g %% 60, 0) + interval '20 days' end
        from rows""".formatted(n);
  }

  static void probe(ChildApp app, int samples) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    System.out.printf(Locale.ROOT, "Search pages, HTTP Basic, %d samples each (after 5 warm-up):%n", samples);
    for (String user : USERS) {
      String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, String> query : QUERIES.entrySet()) {
        List<Long> times = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < samples + 5; i++) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(app.url(query.getValue())))
              .timeout(Duration.ofMinutes(2)).header("Authorization", basic).header("Accept", "text/html").GET().build();
          long t0 = System.nanoTime();
          HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long took = System.nanoTime() - t0;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(user + " " + query.getValue() + ": " + response.statusCode());
          }
          bytes = response.body().length;
          if (i >= 5) {
            times.add(took);
          }
        }
        System.out.printf(Locale.ROOT, "  %-14s %-32s %8d bytes  p50 %6.1f ms  p95 %6.1f ms%n", user, query.getKey(),
            bytes, RestDriver.percentile(times, 50), RestDriver.percentile(times, 95));
      }
    }
  }
}
