package vn.congdoan.award.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import vn.congdoan.award.nomination.DuplicateWarning;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.PdfDocuments;
import vn.congdoan.award.support.Spreadsheets;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * The nominations' search as an Excel workbook ({@code /ho-so.xlsx}: the rows and columns of
 * {@code /ho-so.csv}, money and years as numbers, dates as dates) and one nomination printed with its whole
 * trail ({@code /ho-so/<code>/ban-in.pdf}). Same parameters, scope and refusals as {@link NominationPages}:
 * a nomination outside the user's scope is 404.
 */
@Controller
public class NominationExports {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String SHEET = "Hồ sơ khen thưởng";
  /**
   * The PDF's own policy: the nominations' pages' {@code default-src 'none'} would also bind the page a browser
   * wraps around its PDF viewer (Chromium shows it blank or clipped, crbug.com/271452); a PDF runs no script
   * of ours and is never sniffed as HTML (nosniff), so only framing is forbidden.
   */
  public static final String PDF_CSP = "frame-ancestors 'none'";

  private final NominationPages pages;
  private final NominationSearch search;
  private final NominationScope scopes;
  private final NominationTrail trails;
  private final Attachments attachments;
  private final NominationReadModel readModel;
  private final DuplicateWarning duplicateWarning;
  private final IdentityService identity;
  private final ITemplateEngine templates;
  private final PdfDocuments pdfs;
  private final Spreadsheets spreadsheets;
  private final BusinessClock clock;
  private final WithoutAuthorization withoutAuthorization;
  private final DateTimeFormatter time;

  public NominationExports(NominationPages pages, NominationSearch search, NominationScope scopes,
      NominationTrail trails, Attachments attachments, NominationReadModel readModel,
      DuplicateWarning duplicateWarning, IdentityService identity, ITemplateEngine templates, PdfDocuments pdfs,
      Spreadsheets spreadsheets, BusinessClock clock, WithoutAuthorization withoutAuthorization) {
    this.pages = pages;
    this.search = search;
    this.scopes = scopes;
    this.trails = trails;
    this.attachments = attachments;
    this.readModel = readModel;
    this.duplicateWarning = duplicateWarning;
    this.identity = identity;
    this.templates = templates;
    this.pdfs = pdfs;
    this.spreadsheets = spreadsheets;
    this.clock = clock;
    this.withoutAuthorization = withoutAuthorization;
    this.time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(clock.zone());
  }

  @GetMapping("/ho-so.xlsx")
  void xlsx(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
    List<Map<String, Object>> found = pages.exportRows(params, response);
    if (found == null) {
      return;
    }
    List<List<Object>> rows = new ArrayList<>(found.size());
    for (Map<String, Object> r : found) {
      rows.add(pages.exportRow(r));
    }
    response.setContentType(XLSX);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ho-so-khen-thuong.xlsx\"");
    spreadsheets.write(response.getOutputStream(), SHEET, NominationPages.EXPORT_HEADER, rows);
  }

  /** The nomination's summary and whole trail, for printing or filing; shown in the browser. */
  @GetMapping("/ho-so/{code}/ban-in.pdf")
  ResponseEntity<byte[]> print(@PathVariable String code) {
    Map<String, Object> row = search.find(code, scopes.current())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    String processInstanceId = (String) row.get("process_instance_id");
    Context context = new Context(Texts.VIETNAMESE);
    context.setVariable("n", pages.view(row));
    context.setVariable("trail", trails.of(processInstanceId));
    context.setVariable("attachments", attachments.of(processInstanceId));
    context.setVariable("duplicateWarning", duplicateWarning.warning(readModel.duplicatesOf(processInstanceId)));
    context.setVariable("printedAt", time.format(clock.now()));
    var auth = identity.getCurrentAuthentication();
    String user = auth == null ? null : auth.getUserId();
    String userName = user == null ? null : withoutAuthorization.call(() -> trails.name(user, new HashMap<>()));
    context.setVariable("printedBy", user == null ? null : user.equals(userName) ? user : userName + " (" + user + ")");
    String xhtml = templates.process(new TemplateSpec("nomination-print", TemplateMode.XML), context);
    byte[] pdf = pdfs.render(xhtml);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .contentLength(pdf.length)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename("ho-so-" + row.get("code") + ".pdf").build().toString())
        .header("Content-Security-Policy", PDF_CSP)
        .body(pdf);
  }
}
