package vn.congdoan.award.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congdoan.award.support.Texts;

/**
 * What a client reads when the application fails on its side: status 500, a generic Vietnamese message and
 * a reference, never the exception's message (SQL, class names, values) or a stack trace. The reference is
 * logged with the full exception, so an operator finds it from what the user reports. The answer carries
 * the reference in the header {@value #REFERENCE_HEADER} too, which tells {@link InternalErrorFilter} that the
 * body is already the generic one.
 */
public final class InternalErrors {
  public static final String TYPE = "InternalError";
  public static final String REFERENCE_HEADER = "X-Error-Reference";

  private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);
  private static final Texts TEXTS = Texts.standalone();

  private InternalErrors() {}

  /** Logs {@code error} under a new reference and returns the reference. */
  public static String log(Throwable error) {
    String reference = newReference();
    LOG.error("Internal error, reference {}", reference, error);
    return reference;
  }

  static String newReference() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static Map<String, Object> body(String reference) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE);
    body.put("message", TEXTS.get("error.internal", reference));
    body.put("reference", reference);
    return body;
  }
}
