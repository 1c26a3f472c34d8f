package vn.congdoan.award.audit;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import vn.congdoan.award.audit.NominationScope.Scope;
import vn.congdoan.award.audit.NominationSearch.Criteria;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.nomination.DuplicateWarning;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.nomination.RecusalService;
import vn.congdoan.award.nomination.WithdrawalService;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * The nominations' pages, in Vietnamese, behind the webapps' login: {@code /ho-so} searches every nomination the
 * user's scope covers (running and finished; auditors and the province: all), {@code /ho-so/<code>} shows one
 * with its full trail, {@code /ho-so.csv} exports the search. A nomination outside the scope is 404, as one
 * that does not exist.
 */
@Controller
public class NominationPages {
  private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,30}");
  private static final List<String> STATUSES = Texts.codes("status.");
  private static final List<String> AWARD_FORMS = Texts.codes("award.form.");

  private final NominationSearch search;
  private final NominationScope scopes;
  private final NominationTrail trails;
  private final JdbcTemplate jdbc;
  private final WithdrawalService withdrawals;
  private final Texts texts;
  private final DateTimeFormatter time;
  private final NominationHolders holders;
  private final IdentityService identity;
  private final NominationReadModel readModel;
  private final DuplicateWarning duplicateWarning;
  private final Attachments attachments;
  private final RecusalService recusals;
  private final ProcessDiagram diagrams;
  private final org.camunda.bpm.engine.RepositoryService repository;
  private final vn.congdoan.award.decision.AwardDecisions decisions;
  private final vn.congdoan.award.decision.DecisionDocuments documents;
  private final vn.congdoan.award.council.Complaints complaints;

  public NominationPages(NominationSearch search, NominationScope scopes, NominationTrail trails, JdbcTemplate jdbc,
      WithdrawalService withdrawals, Texts texts, BusinessClock clock, NominationHolders holders,
      IdentityService identity, NominationReadModel readModel, DuplicateWarning duplicateWarning,
      Attachments attachments, RecusalService recusals, ProcessDiagram diagrams,
      org.camunda.bpm.engine.RepositoryService repository, vn.congdoan.award.decision.AwardDecisions decisions,
      vn.congdoan.award.decision.DecisionDocuments documents, vn.congdoan.award.council.Complaints complaints) {
    this.complaints = complaints;
    this.decisions = decisions;
    this.documents = documents;
    this.repository = repository;
    this.diagrams = diagrams;
    this.recusals = recusals;
    this.attachments = attachments;
    this.readModel = readModel;
    this.duplicateWarning = duplicateWarning;
    this.holders = holders;
    this.identity = identity;
    this.withdrawals = withdrawals;
    this.search = search;
    this.scopes = scopes;
    this.trails = trails;
    this.jdbc = jdbc;
    this.texts = texts;
    this.time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(clock.zone());
  }

  /** The search form's values as the user typed them, and what they mean; errors in Vietnamese. */
  record Query(Map<String, String> values, Criteria criteria, int page, List<String> errors) {}

  Query parse(Map<String, String> params) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String key : List.of("year", "round", "unit", "superiorUnit", "awardForm", "nominee", "status", "outcome",
        "overdue", "sort", "dir", "page")) {
      String value = params.get(key);
      v.put(key, value == null ? "" : value.strip());
    }
    List<String> errors = new ArrayList<>();
    Integer year = null;
    if (!v.get("year").isEmpty()) {
      try {
        year = Integer.valueOf(v.get("year"));
      } catch (NumberFormatException e) {
        year = -1;
      }
      if (year < 2000 || year > 2100) {
        errors.add(texts.get("page.search.badYear"));
      }
    }
    for (String key : List.of("status", "outcome")) {
      if (!v.get(key).isEmpty() && !STATUS.matcher(v.get(key)).matches()) {
        errors.add(texts.get("page.search.badStatus", v.get(key)));
      }
    }
    Boolean overdue = switch (v.get("overdue")) {
      case "" -> null;
      case "true" -> true;
      case "false" -> false;
      default -> {
        errors.add(texts.get("page.search.badOverdue"));
        yield null;
      }
    };
    if (!v.get("sort").isEmpty() && !NominationSearch.SORTS.containsKey(v.get("sort"))) {
      errors.add(texts.get("page.search.badSort", v.get("sort")));
    }
    int page = 1;
    if (!v.get("page").isEmpty()) {
      try {
        page = Integer.parseInt(v.get("page"));
      } catch (NumberFormatException e) {
        page = 0;
      }
      if (page < 1) {
        errors.add(texts.get("page.search.badPage"));
      }
    }
    Criteria criteria = new Criteria(year, v.get("round"), v.get("unit"), v.get("superiorUnit"), v.get("awardForm"),
        v.get("nominee"), v.get("status"), v.get("outcome"), overdue, v.get("sort").isEmpty() ? null : v.get("sort"),
        "asc".equals(v.get("dir")));
    return new Query(v, criteria, page, errors);
  }

  @GetMapping("/ho-so")
  String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
    Scope scope = scopes.current();
    Query query = parse(params);
    model.addAttribute("q", query.values());
    model.addAttribute("errors", query.errors());
    // the choices from the texts, not from the data (a scan of every nomination on every page)
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("awardForms", AWARD_FORMS);
    model.addAttribute("outcomes", outcomes());
    model.addAttribute("texts", texts);
    model.addAttribute("scopeAll", scope.all());
    model.addAttribute("scopeUnits", scope.units());
    if (!query.errors().isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("result", null);
      return "nominations";
    }
    NominationSearch.Page result = search.search(query.criteria(), scope, query.page());
    model.addAttribute("result", result);
    Map<String, List<NominationHolders.Holder>> held = holdersOf(result.rows());
    java.util.Set<String> withdrawing = withdrawals.withdrawingUnits();
    java.util.Set<String> duplicated = readModel.withDuplicates(
        result.rows().stream().map(r -> (String) r.get("process_instance_id")).toList());
    model.addAttribute("rows", result.rows().stream().map(r -> {
      Map<String, Object> v = view(r);
      v.put("holders", held.getOrDefault((String) r.get("process_instance_id"), List.of()));
      v.put("mayWithdraw", r.get("ended_at") == null && withdrawing.contains((String) r.get("unit_code")));
      v.put("duplicated", duplicated.contains((String) r.get("process_instance_id")));
      return v;
    }).toList());
    // a preparer's or chair's own unit's list: "Hồ sơ của đơn vị", with the actions on each dossier
    model.addAttribute("unitView", !scope.all() && !withdrawing.isEmpty());
    return "nominations";
  }

  @GetMapping("/ho-so/{code}")
  String detail(@PathVariable String code, Model model, HttpSession session) {
    Map<String, Object> row = search.find(code, scopes.current())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("n", view(row));
    model.addAttribute("holders", holdersOf(List.of(row)).getOrDefault((String) row.get("process_instance_id"), List.of()));
    model.addAttribute("trail", trails.of((String) row.get("process_instance_id")));
    // drawn here from the diagram interchange, with only escaped text and presentation attributes (no
    // script, no style): safe to put into the page as it is
    model.addAttribute("diagram", diagrams.svgOf((String) row.get("process_instance_id")));
    model.addAttribute("duplicateWarning", duplicateWarning.warning(readModel.duplicatesOf((String) row.get("process_instance_id"))));
    java.util.Set<String> withdrawing = withdrawals.withdrawingUnits();
    model.addAttribute("mayWithdraw", row.get("ended_at") == null && withdrawing.contains((String) row.get("unit_code")));
    model.addAttribute("attachments", attachments.of((String) row.get("process_instance_id")));
    model.addAttribute("mayAttach", attachments.mayAttach(row, withdrawing));
    model.addAttribute("attachmentKinds", Attachments.KINDS.stream()
        .map(k -> Map.entry(k, texts.get("attachment.kind." + k))).toList());
    var decision = decisions.ofNomination((String) row.get("process_instance_id")).orElse(null);
    model.addAttribute("decision", decision);
    model.addAttribute("complaints", complaints.of((String) row.get("process_instance_id")));
    model.addAttribute("mayComplain", complaints.mayFile(row));
    model.addAttribute("certificate", decision != null && documents.certificateTitle(decision).isPresent());
    model.addAttribute("token", PageToken.of(session));
    return "nomination";
  }

  /**
   * The results a nomination can end with: the {@code outcome} property of the end events of every process's
   * latest version, so that an outcome an administrator adds to the model is offered as soon as it is deployed.
   */
  List<String> outcomes() {
    java.util.Set<String> outcomes = new java.util.LinkedHashSet<>();
    for (var definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      for (var end : repository.getBpmnModelInstance(definition.getId())
          .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.EndEvent.class)) {
        vn.congdoan.award.nomination.ModelProperties.get(end, vn.congdoan.award.nomination.ModelProperties.OUTCOME)
            .ifPresent(outcomes::add);
      }
    }
    return List.copyOf(outcomes);
  }

  /** The preparer or chair withdraws the nomination from its page, with a reason. */
  @PostMapping("/ho-so/{code}/rut-ho-so")
  String withdraw(@PathVariable String code, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String token, HttpSession session, Model model, HttpServletResponse response) {
    model.addAttribute("reason", reason);
    return act(code, token, "withdrawalError", "?rut=1", session, model, response,
        row -> withdrawals.withdraw(code, reason));
  }

  /** Anyone whose scope covers the nomination complains about it during the public notice. */
  @PostMapping("/ho-so/{code}/khieu-nai")
  String complain(@PathVariable String code, @RequestParam(required = false) String complainantName,
      @RequestParam(required = false) String content, @RequestParam(required = false) String token,
      HttpSession session, Model model, HttpServletResponse response) {
    model.addAttribute("complainantName", complainantName);
    model.addAttribute("complaintContent", content);
    return act(code, token, "complaintError", "?khieunai=1#complaints", session, model, response,
        row -> complaints.file(row, complainantName, content));
  }

  /** The unit's preparer or chair attaches a file while the dossier is with the unit. */
  @PostMapping("/ho-so/{code}/tep-dinh-kem")
  String attach(@PathVariable String code, @RequestParam(required = false) String kind,
      @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
      @RequestParam(required = false) String token, HttpSession session, Model model, HttpServletResponse response) {
    return act(code, token, "attachmentError", "?tep=1#attachments", session, model, response, row -> {
      if (!attachments.mayAttach(row, withdrawals.withdrawingUnits())) {
        throw new WithdrawalService.WithdrawalRefused(HttpStatus.FORBIDDEN.value(), texts.get("attachment.notAllowed"));
      }
      try {
        attachments.attach(row, kind, file == null ? null : file.getOriginalFilename(),
            file == null ? null : file.getBytes());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** A reviewer steps back from a step of this nomination (conflict of interest), with a reason. */
  @PostMapping("/ho-so/{code}/khong-tham-gia")
  String recuse(@PathVariable String code, @RequestParam(required = false) String taskId,
      @RequestParam(required = false) String reason, @RequestParam(required = false) String token,
      HttpSession session, Model model, HttpServletResponse response) {
    model.addAttribute("recusalReason", reason);
    return act(code, token, "recusalError", "?khongthamgia=1", session, model, response, row -> {
      boolean ofThisNomination = holdersOf(List.of(row)).getOrDefault((String) row.get("process_instance_id"), List.of())
          .stream().anyMatch(h -> h.taskId().equals(taskId) && h.mine());
      if (!ofThisNomination) {
        throw new WithdrawalService.WithdrawalRefused(HttpStatus.NOT_FOUND.value(), texts.get("recusal.notYourTask", taskId));
      }
      recusals.recuse(taskId, reason);
    });
  }

  /**
   * A form posted from a nomination's page: the nomination in the user's scope (else 404), the page's token
   * (else 403), then the action; its refusal is shown on the page under {@code errorAttribute}.
   */
  private String act(String code, String token, String errorAttribute, String done, HttpSession session, Model model,
      HttpServletResponse response, java.util.function.Consumer<Map<String, Object>> action) {
    Map<String, Object> row = search.find(code, scopes.current())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    String error;
    int status;
    if (!PageToken.matches(session, token)) {
      error = texts.get("page.tokenExpired");
      status = HttpStatus.FORBIDDEN.value();
    } else {
      try {
        action.accept(row);
        return "redirect:/ho-so/" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8) + done;
      } catch (InputValidationException e) {
        error = String.join(" ", e.getViolations());
        status = HttpStatus.BAD_REQUEST.value();
      } catch (WithdrawalService.WithdrawalRefused e) {
        error = e.getMessage();
        status = e.status();
      }
    }
    response.setStatus(status);
    model.addAttribute(errorAttribute, error);
    return detail(code, model, session);
  }

  /** One attached file, for everyone whose scope covers the nomination; always a download, never shown inline. */
  @GetMapping("/ho-so/{code}/tep-dinh-kem/{id}")
  void download(@PathVariable String code, @PathVariable String id, HttpServletResponse response) throws IOException {
    Map<String, Object> row = search.find(code, scopes.current())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    var file = attachments.content((String) row.get("process_instance_id"), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    response.setContentType(file.getKey().contentType());
    response.setContentLengthLong(file.getValue().length);
    response.setHeader("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
        .filename(file.getKey().fileName(), StandardCharsets.UTF_8).build().toString());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "private, no-store");
    response.getOutputStream().write(file.getValue());
  }

  /** The rows an export of this search holds (CSV, XLSX), or null after answering 400 with the reasons. */
  List<Map<String, Object>> exportRows(Map<String, String> params, HttpServletResponse response) throws IOException {
    Query query = parse(params);
    if (!query.errors().isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write(String.join("\n", query.errors()));
      return null;
    }
    return search.all(query.criteria(), scopes.current());
  }

  @GetMapping(value = "/ho-so.csv")
  void csv(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
    List<Map<String, Object>> rows = exportRows(params, response);
    if (rows == null) {
      return;
    }
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"ho-so-khen-thuong.csv\"");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Writer out = response.getWriter();
    out.write('\uFEFF'); // Excel reads UTF-8 (the diacritics) only with the byte order mark
    out.write(csvLine(EXPORT_HEADER));
    for (Map<String, Object> r : rows) {
      out.write(csvLine(exportRow(r).stream().map(this::csvCell).toList()));
    }
    out.flush();
  }

  /** The exports' columns (CSV and XLSX). */
  static final List<String> EXPORT_HEADER = List.of("Mã hồ sơ", "Người/tập thể được đề nghị", "Đơn vị",
      "Công đoàn cấp trên", "Hình thức", "Đợt", "Năm", "Trạng thái", "Bước hiện tại", "Quá hạn", "Kết quả", "Lý do",
      "Số quyết định", "Ngày quyết định", "Tiền thưởng (đồng)", "Ngày lập", "Ngày kết thúc");

  /** One nomination's cells under {@link #EXPORT_HEADER}: numbers as numbers, dates as dates. */
  List<Object> exportRow(Map<String, Object> r) {
    Map<String, Object> v = view(r);
    return java.util.Arrays.asList(r.get("code"), r.get("nominee_name"), r.get("unit_code"),
        r.get("superior_unit_code"), v.get("awardFormName"), r.get("round_code"), r.get("round_year"),
        v.get("statusName"), r.get("current_step_name"), Boolean.TRUE.equals(r.get("overdue")) ? "có" : "không",
        v.get("outcomeName"), r.get("outcome_reason"), r.get("decision_number"), r.get("decision_date"),
        r.get("award_money"), r.get("created_at"), r.get("ended_at"));
  }

  /** A cell as the CSV writes it: a day as yyyy-mm-dd, a moment in the province's time, nothing as empty. */
  private String csvCell(Object value) {
    if (value instanceof java.sql.Date day) {
      return day.toString();
    }
    if (value instanceof Date moment) {
      return format(moment);
    }
    return str(value);
  }

  private Map<String, List<NominationHolders.Holder>> holdersOf(List<Map<String, Object>> rows) {
    var auth = identity.getCurrentAuthentication();
    List<String> ids = rows.stream().filter(r -> r.get("ended_at") == null)
        .map(r -> (String) r.get("process_instance_id")).toList();
    return holders.of(ids, auth == null ? null : auth.getUserId(),
        auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds());
  }

  /** A row with the names the pages show beside the codes. */
  Map<String, Object> view(Map<String, Object> row) {
    Map<String, Object> v = new LinkedCaseInsensitiveMap<>();
    v.putAll(row);
    String form = (String) row.get("award_form");
    v.put("awardFormName", texts.getOrDefault("award.form." + form, form));
    String status = (String) row.get("status");
    v.put("statusName", texts.getOrDefault("status." + status, status));
    String outcome = (String) row.get("outcome");
    v.put("outcomeName", outcome == null ? null : texts.getOrDefault("status." + outcome, outcome));
    v.put("createdAt", format(row.get("created_at")));
    v.put("updatedAt", format(row.get("updated_at")));
    v.put("endedAt", format(row.get("ended_at")));
    return v;
  }

  private String format(Object date) {
    return date instanceof Date d ? time.format(d.toInstant()) : null;
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }

  /** One CSV record (RFC 4180); a cell that starts like a formula is quoted as text for spreadsheets. */
  static String csvLine(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
        cell = "'" + cell;
      }
      if (i > 0) {
        line.append(',');
      }
      line.append('"').append(cell.replace("\"", "\"\"")).append('"');
    }
    return line.append("\r\n").toString();
  }
}
