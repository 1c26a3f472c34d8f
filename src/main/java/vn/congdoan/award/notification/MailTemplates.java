package vn.congdoan.award.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unbescape.html.HtmlEscape;
import vn.congdoan.award.support.Texts;

/**
 * Renders a notification mail (docs/design.md, "Notifications"): the HTML part from
 * {@code templates/mail/<template>.html}, the plain-text part from {@code templates/mail/<template>.txt}
 * and the subject from the message {@code mail.<template>.subject} ({0} nominee, {1} nomination code,
 * {2} step name).
 *
 * <p>A dedicated Thymeleaf engine, independent of Spring MVC's view resolution. Expressions are SpEL
 * (Spring Boot's Thymeleaf starter leaves OGNL out). Both template modes escape what they print:
 * in the HTML part a nominee called {@code <script>} stays text. The plain-text part is a text/plain
 * body, where HTML entities would only be noise ({@code &quot;} for a quote in a collective's name), so
 * after rendering its entities are decoded again; decoding an escaped value gives back exactly the
 * original value.
 */
@Component
public class MailTemplates {
  /** The templates of design.md; a mail property naming any other template is a modelling error. */
  public static final Set<String> TEMPLATES = Set.copyOf(List.of("task-waiting", "task-overdue",
      "task-escalation", "review-approve", "review-return", "review-reject", "forwarded", "national-result",
      "decided", "withdrawn", "digest", "session-opened"));

  private static final String LOCATION = "templates/mail/";
  private static final String HTML = "html/";
  private static final String TEXT = "text/";

  /** One rendered mail. */
  public record Rendered(String subject, String text, String html) {}

  private final Texts texts;
  private final TemplateEngine engine;

  public MailTemplates(Texts texts) {
    this.texts = texts;
    this.engine = new TemplateEngine();
    engine.setDialect(new SpringStandardDialect());
    // Both parts of a template share its name, so each resolver answers only to its own prefix of the
    // name ("html/task-waiting", "text/task-waiting") and maps it back to the file name by an alias.
    engine.addTemplateResolver(resolver(HTML, ".html", TemplateMode.HTML, 1));
    engine.addTemplateResolver(resolver(TEXT, ".txt", TemplateMode.TEXT, 2));
  }

  private static ClassLoaderTemplateResolver resolver(String namePrefix, String suffix, TemplateMode mode, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
    resolver.setPrefix(LOCATION);
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    resolver.setOrder(order);
    resolver.setResolvablePatterns(Set.of(namePrefix + "*"));
    for (String template : TEMPLATES) {
      resolver.addTemplateAlias(namePrefix + template, template);
    }
    return resolver;
  }

  /**
   * Renders {@code template} with {@code model} (the keys of design.md; any value may be null or absent).
   *
   * @throws IllegalArgumentException when {@code template} is not one of {@link #TEMPLATES}
   */
  public Rendered render(String template, Map<String, Object> model) {
    if (template == null || !TEMPLATES.contains(template)) {
      throw new IllegalArgumentException("Unknown mail template '" + template + "'; known: " + new LinkedHashSet<>(
          List.copyOf(TEMPLATES)));
    }
    Map<String, Object> variables = model == null ? Map.of() : model;
    Context context = new Context(Texts.VIETNAMESE, variables);
    String subject = texts.get("mail." + template + ".subject",
        arg(variables.get("nomineeName")), arg(variables.get("nominationCode")), arg(variables.get("stepName")));
    String html = engine.process(HTML + template, context);
    String text = engine.process(TEXT + template, context);
    return new Rendered(oneLine(subject), plain(text), html);
  }

  private static String arg(Object value) {
    return value == null ? "" : value.toString();
  }

  /** A subject is one header line: no line breaks or control characters from a dossier's values. */
  private static String oneLine(String subject) {
    return subject.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
  }

  /** The text part: entities decoded (see the class comment), tidy line ends, no runs of blank lines. */
  private static String plain(String text) {
    String decoded = HtmlEscape.unescapeHtml(text).replace("\r\n", "\n").replace('\r', '\n');
    // Trailing blanks go, except in the signature separator "-- ".
    return decoded.replaceAll("(?m)(?<!^--)[ \\t]+$", "").replaceAll("\n{3,}", "\n\n").strip() + "\n";
  }
}
