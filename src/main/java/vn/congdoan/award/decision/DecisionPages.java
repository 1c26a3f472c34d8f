package vn.congdoan.award.decision;

import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import vn.congdoan.award.audit.NominationScope;
import vn.congdoan.award.audit.NominationScope.Scope;
import vn.congdoan.award.audit.NominationSearch;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.decision.DecisionDocuments.Document;
import vn.congdoan.award.support.Texts;

/**
 * The decisions behind the webapps' login: {@code /quyet-dinh} lists those the user's scope reaches (a
 * decision is shown whole to everyone whose scope covers at least one of its awardees: it is a public act),
 * {@code /quyet-dinh/<id>.pdf} and {@code .docx} are its archived documents, and
 * {@code /ho-so/<code>/khen-thuong.pdf} is an awardee's certificate. Outside the scope, 404.
 */
@Controller
public class DecisionPages {
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  /** As the nominations' PDF (see there): only framing is forbidden. */
  static final String DOCUMENT_CSP = vn.congdoan.award.audit.NominationExports.PDF_CSP;

  private final AwardDecisions decisions;
  private final DecisionDocuments documents;
  private final NominationScope scopes;
  private final NominationSearch search;
  private final Texts texts;

  public DecisionPages(AwardDecisions decisions, DecisionDocuments documents, NominationScope scopes,
      NominationSearch search, Texts texts) {
    this.decisions = decisions;
    this.documents = documents;
    this.scopes = scopes;
    this.search = search;
    this.texts = texts;
  }

  @GetMapping("/quyet-dinh")
  String list(@RequestParam(required = false) String year, Model model) {
    Integer y = null;
    String error = null;
    if (year != null && !year.isBlank()) {
      try {
        y = Integer.valueOf(year.strip());
      } catch (NumberFormatException e) {
        y = -1;
      }
      if (y < 2000 || y > 2100) {
        error = texts.get("page.search.badYear");
        y = null;
      }
    }
    Scope scope = scopes.current();
    model.addAttribute("year", year == null ? "" : year.strip());
    model.addAttribute("error", error);
    model.addAttribute("decisions", error == null ? decisions.list(scope, y) : java.util.List.of());
    model.addAttribute("texts", texts);
    return "decisions";
  }

  @GetMapping("/quyet-dinh/{id}.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String id) {
    Decision d = visible(id);
    return send(documents.pdf(d), MediaType.APPLICATION_PDF, ContentDisposition.inline(),
        DecisionDocuments.fileName(d, "pdf"));
  }

  @GetMapping("/quyet-dinh/{id}.docx")
  ResponseEntity<byte[]> docx(@PathVariable String id) {
    Decision d = visible(id);
    return send(documents.docx(d), MediaType.parseMediaType(DOCX), ContentDisposition.attachment(),
        DecisionDocuments.fileName(d, "docx"));
  }

  @GetMapping("/ho-so/{code}/khen-thuong.pdf")
  ResponseEntity<byte[]> certificate(@PathVariable String code) {
    Map<String, Object> row = search.find(code, scopes.current())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    String processInstanceId = (String) row.get("process_instance_id");
    Decision d = decisions.ofNomination(processInstanceId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    Awardee awardee = d.awardees().stream().filter(a -> a.processInstanceId().equals(processInstanceId)).findFirst()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    byte[] pdf = documents.certificate(d, awardee)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).contentLength(pdf.length)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename("khen-thuong-" + code + ".pdf").build().toString())
        .header("Content-Security-Policy", DOCUMENT_CSP)
        .body(pdf);
  }

  private Decision visible(String id) {
    if (id.length() > 64 || !decisions.visible(id, scopes.current())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return decisions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static ResponseEntity<byte[]> send(Document document, MediaType type, ContentDisposition.Builder disposition,
      String fileName) {
    return ResponseEntity.ok().contentType(type).contentLength(document.content().length)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(fileName).build().toString())
        .header("Content-Security-Policy", DOCUMENT_CSP)
        .header("X-Content-SHA256", document.sha256())
        .body(document.content());
  }
}
