package vn.congdoan.award.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import vn.congdoan.award.audit.ProcessDiagram.Path;
import vn.congdoan.award.audit.ProcessDiagram.Step;

/** The server-drawn SVG of the award process, without an engine: shapes, states, colours, escaping, extent. */
class ProcessDiagramTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final File BPMN = new File("bpmn/award-nomination.bpmn");

  private final ProcessDiagram diagram = new ProcessDiagram(null, null, null);

  private static BpmnModelInstance model() {
    return Bpmn.readModelFromFile(BPMN);
  }

  private static Path path(Set<String> visited, Set<String> active, Set<String> taken) {
    return new Path(visited, active, taken);
  }

  private static final Path REVIEWING = path(
      Set.of("startNomination", "registerNomination", "determineAuthority", "review", "reviewStart",
          "grassrootsApprovalJoin", "grassrootsApproval", "grassrootsApprovalGateway", "hasSuperiorGateway",
          "superiorVettingJoin", "superiorVetting"),
      Set.of("review", "superiorVetting"),
      Set.of("Flow_startNomination_registerNomination", "Flow_registerNomination_determineAuthority",
          "Flow_determineAuthority_review", "Flow_reviewStart_grassrootsApprovalJoin",
          "Flow_grassrootsApprovalJoin_grassrootsApproval", "Flow_grassrootsApproval_grassrootsApprovalGateway",
          "grassrootsApprovalApproved", "Flow_hasSuperior", "Flow_superiorVettingJoin_superiorVetting"));

  @Test
  void everyShapeAndEveryEdgeOfTheModelIsDrawnOnce() throws Exception {
    BpmnModelInstance model = model();
    Document svg = parse(diagram.svg(model, REVIEWING));
    List<String> shapeIds = attributeValues(svg, "data-element-id");
    List<String> flowIds = attributeValues(svg, "data-flow-id");

    assertThat(model.getModelElementsByType(BpmnShape.class)).hasSizeGreaterThan(40);
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      String id = shape.getBpmnElement().getId();
      assertThat(shapeIds).as(id).containsOnlyOnce(id);
      Element g = group(svg, "data-element-id", id);
      assertThat(g.getLocalName()).isEqualTo("g");
      assertThat(drawn(g)).as("%s draws something", id).isNotEmpty();
    }
    assertThat(shapeIds).hasSameSizeAs(model.getModelElementsByType(BpmnShape.class));
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      String id = edge.getBpmnElement().getId();
      assertThat(flowIds).as(id).containsOnlyOnce(id);
      Element line = first(group(svg, "data-flow-id", id), "polyline");
      assertThat(line.getAttribute("marker-end")).startsWith("url(#pd-arrow");
      assertThat(line.getAttribute("points").split(" ")).hasSameSizeAs(edge.getWaypoints());
    }
    assertThat(flowIds).hasSameSizeAs(model.getModelElementsByType(BpmnEdge.class));
  }

  @Test
  void shapesCarryTheirStateAndItsColours() throws Exception {
    Path path = path(Set.of("startNomination", "registerNomination", "grassrootsApproval", "superiorVetting"),
        Set.of("superiorVetting"), Set.of("Flow_startNomination_registerNomination"));
    Document svg = parse(diagram.svg(model(), path));

    Element start = group(svg, "data-element-id", "startNomination");
    assertThat(start.getAttribute("data-state")).isEqualTo("visited");
    assertThat(first(start, "circle").getAttribute("fill")).isEqualTo("#e6f4ea");
    assertThat(first(start, "circle").getAttribute("stroke")).isEqualTo("#1e7b34");

    Element visited = group(svg, "data-element-id", "grassrootsApproval");
    assertThat(visited.getAttribute("data-state")).isEqualTo("visited");
    assertThat(first(visited, "rect").getAttribute("fill")).isEqualTo("#e6f4ea");
    assertThat(first(visited, "rect").getAttribute("stroke")).isEqualTo("#1e7b34");

    Element active = group(svg, "data-element-id", "superiorVetting");
    assertThat(active.getAttribute("data-state")).isEqualTo("active");
    assertThat(first(active, "rect").getAttribute("fill")).isEqualTo("#fff4ce");
    assertThat(first(active, "rect").getAttribute("stroke")).isEqualTo("#b06d00");
    assertThat(Double.parseDouble(first(active, "rect").getAttribute("stroke-width")))
        .isGreaterThan(Double.parseDouble(first(visited, "rect").getAttribute("stroke-width")));

    for (String id : List.of("secretariatVetting", "determineAuthority", "endAwarded", "sessionOutcomeGateway")) {
      Element none = group(svg, "data-element-id", id);
      assertThat(none.getAttribute("data-state")).as(id).isEqualTo("none");
      Element outline = (Element) drawn(none).get(0);
      assertThat(outline.getAttribute("fill")).as(id).isEqualTo("#ffffff");
      assertThat(outline.getAttribute("stroke")).as(id).isEqualTo("#666");
    }

    Element taken = group(svg, "data-flow-id", "Flow_startNomination_registerNomination");
    assertThat(taken.getAttribute("data-taken")).isEqualTo("true");
    assertThat(first(taken, "polyline").getAttribute("stroke")).isEqualTo("#1e7b34");
    assertThat(first(taken, "polyline").getAttribute("stroke-width")).isEqualTo("2.5");
    assertThat(first(taken, "polyline").getAttribute("marker-end")).isEqualTo("url(#pd-arrow-taken)");

    Element notTaken = group(svg, "data-flow-id", "Flow_registerNomination_determineAuthority");
    assertThat(notTaken.getAttribute("data-taken")).isEqualTo("false");
    assertThat(first(notTaken, "polyline").getAttribute("stroke")).isEqualTo("#666");
    assertThat(first(notTaken, "polyline").getAttribute("marker-end")).isEqualTo("url(#pd-arrow)");

    // the marker each arrow refers to is defined, in the arrow's colour
    assertThat(byId(svg, "pd-arrow-taken").getElementsByTagNameNS(SVG, "path").item(0))
        .extracting(n -> ((Element) n).getAttribute("fill")).isEqualTo("#1e7b34");
    assertThat(byId(svg, "pd-arrow")).isNotNull();

    assertThat(texts(svg)).contains("Đã qua", "Đang ở bước này", "Chưa đi qua");
    assertThat(svg.getDocumentElement().getElementsByTagNameNS(SVG, "desc").item(0).getTextContent())
        .isEqualTo("Đang ở bước: Công đoàn cấp trên thẩm định.");
  }

  @Test
  void theOutputIsAnSvgDocumentWithItsAccessibleName() throws Exception {
    String out = diagram.svg(model(), REVIEWING);
    Document svg = parse(out);
    Element root = svg.getDocumentElement();

    assertThat(root.getNamespaceURI()).isEqualTo(SVG);
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getAttribute("role")).isEqualTo("img");
    assertThat(root.getAttribute("aria-label")).isEqualTo("Sơ đồ quy trình Đề nghị khen thưởng");
    assertThat(root.getAttribute("width")).isEqualTo("100%");
    assertThat(root.getAttribute("viewBox").split(" ")).hasSize(4);
    Element title = (Element) root.getElementsByTagNameNS(SVG, "*").item(0);
    assertThat(title.getLocalName()).isEqualTo("title");
    assertThat(title.getTextContent()).isEqualTo("Sơ đồ quy trình Đề nghị khen thưởng");
    // inlined into HTML: no XML declaration, no DOCTYPE
    assertThat(out).startsWith("<svg ");
    assertThat(svg.getDoctype()).isNull();
  }

  @Test
  void theSameInputGivesTheSameString() {
    Path reordered = path(new TreeSet<>(REVIEWING.visited()).descendingSet(), new LinkedHashSet<>(REVIEWING.active()),
        new TreeSet<>(REVIEWING.taken()));
    String one = diagram.svg(model(), REVIEWING);
    assertThat(diagram.svg(model(), reordered)).isEqualTo(one);
    assertThat(diagram.svg(model(), REVIEWING)).isEqualTo(one);
  }

  @Test
  void namesFromTheModelAreEscaped() throws Exception {
    BpmnModelInstance model = model();
    String evil = "<script>alert(1)</script> & \"x\" 'y'";
    model.<FlowElement>getModelElementById("grassrootsApproval").setName(evil);
    model.<SequenceFlow>getModelElementById("grassrootsApprovalApproved").setName("<img src=x onerror=alert(1)>");
    model.<Process>getModelElementById("award-nomination").setName("\"><script>alert(2)</script>");
    String out = diagram.svg(model, REVIEWING);

    assertThat(out).doesNotContain("<script").doesNotContain("<img");
    assertThat(out).contains("&lt;script&gt;").contains("&amp;").contains("&quot;x&quot;").contains("&#39;y&#39;");
    Document svg = parse(out);
    assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
    assertThat(svg.getElementsByTagNameNS("*", "img").getLength()).isZero();

    Element task = group(svg, "data-element-id", "grassrootsApproval");
    StringBuilder drawnText = new StringBuilder();
    NodeList spans = task.getElementsByTagNameNS(SVG, "tspan");
    for (int i = 0; i < spans.getLength(); i++) {
      drawnText.append(spans.item(i).getTextContent());
    }
    assertThat(spans.getLength()).isGreaterThan(1);
    assertThat(drawnText.toString().replace(" ", "")).isEqualTo(evil.replace(" ", ""));
    assertThat(first(task, "title").getTextContent()).isEqualTo(evil);
    assertThat(svg.getDocumentElement().getAttribute("aria-label"))
        .isEqualTo("Sơ đồ quy trình \"><script>alert(2)</script>");
  }

  @Test
  void aFluentlyBuiltModelIsEscapedToo() throws Exception {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").name("P & Q")
        .startEvent("start").name("Bắt đầu")
        .userTask("task").name("<script>alert(1)</script> & \"x\"")
        .endEvent("end").name("Kết thúc")
        .done();
    String out = diagram.svg(model, path(Set.of("start", "task"), Set.of("task"), Set.of()));
    Document svg = parse(out);

    assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
    assertThat(out).doesNotContain("<script").contains("&lt;script&gt;");
    assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo("Sơ đồ quy trình P & Q");
    if (!model.getModelElementsByType(BpmnShape.class).isEmpty()) {
      assertThat(group(svg, "data-element-id", "task").getAttribute("data-state")).isEqualTo("active");
    }
  }

  /** A pool with two lanes and the element types the award process does not use. */
  private static final String POOL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
          xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="urn:test">
        <collaboration id="c">
          <participant id="pool" name="Liên đoàn Lao động tỉnh" processRef="p"/>
        </collaboration>
        <process id="p" name="Thử" isExecutable="true">
          <laneSet id="ls">
            <lane id="laneA" name="Văn phòng"><flowNodeRef>s</flowNodeRef><flowNodeRef>fork</flowNodeRef>
              <flowNodeRef>send</flowNodeRef></lane>
            <lane id="laneB" name="Ban Thường vụ"><flowNodeRef>call</flowNodeRef><flowNodeRef>join</flowNodeRef>
              <flowNodeRef>e</flowNodeRef></lane>
          </laneSet>
          <startEvent id="s"/>
          <parallelGateway id="fork"/>
          <sendTask id="send" name="Gửi thông báo"/>
          <callActivity id="call" name="Quy trình con" calledElement="x"/>
          <parallelGateway id="join"/>
          <endEvent id="e"><terminateEventDefinition/></endEvent>
          <sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
          <sequenceFlow id="f2" sourceRef="fork" targetRef="send"/>
          <sequenceFlow id="f3" sourceRef="fork" targetRef="call"/>
          <sequenceFlow id="f4" sourceRef="send" targetRef="join"/>
          <sequenceFlow id="f5" sourceRef="call" targetRef="join"/>
          <sequenceFlow id="f6" sourceRef="join" targetRef="e"/>
        </process>
        <bpmndi:BPMNDiagram id="dia">
          <bpmndi:BPMNPlane id="plane" bpmnElement="c">
            <bpmndi:BPMNShape id="pool_di" bpmnElement="pool" isHorizontal="true">
              <dc:Bounds x="100" y="50" width="600" height="300"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="laneA_di" bpmnElement="laneA" isHorizontal="true">
              <dc:Bounds x="130" y="50" width="570" height="150"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="laneB_di" bpmnElement="laneB" isHorizontal="true">
              <dc:Bounds x="130" y="200" width="570" height="150"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="160" y="107" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="fork_di" bpmnElement="fork"><dc:Bounds x="230" y="100" width="50" height="50"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="send_di" bpmnElement="send"><dc:Bounds x="320" y="85" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="call_di" bpmnElement="call"><dc:Bounds x="320" y="235" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="join_di" bpmnElement="join"><dc:Bounds x="470" y="250" width="50" height="50"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="e_di" bpmnElement="e"><dc:Bounds x="570" y="257" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="196" y="125"/><di:waypoint x="230" y="125"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="280" y="125"/><di:waypoint x="320" y="125"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="255" y="150"/><di:waypoint x="255" y="275"/><di:waypoint x="320" y="275"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="420" y="125"/><di:waypoint x="495" y="125"/><di:waypoint x="495" y="250"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f5_di" bpmnElement="f5"><di:waypoint x="420" y="275"/><di:waypoint x="470" y="275"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f6_di" bpmnElement="f6"><di:waypoint x="520" y="275"/><di:waypoint x="570" y="275"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane>
        </bpmndi:BPMNDiagram>
      </definitions>
      """;

  @Test
  void poolsLanesAndOtherElementTypesDraw() throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromStream(
        new java.io.ByteArrayInputStream(POOL.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Document svg = parse(diagram.svg(model, path(Set.of("s", "fork", "send"), Set.of("call"), Set.of("f1", "f2"))));

    assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo("Sơ đồ quy trình Thử");
    assertThat(attributeValues(svg, "data-element-id"))
        .containsExactly("pool", "laneA", "laneB", "s", "fork", "send", "call", "join", "e");
    Element pool = group(svg, "data-element-id", "pool");
    assertThat(first(pool, "text").getTextContent()).isEqualTo("Liên đoàn Lao động tỉnh");
    assertThat(first(pool, "text").getAttribute("transform")).isEqualTo("rotate(-90 115 200)");
    assertThat(first(group(svg, "data-element-id", "laneB"), "text").getTextContent()).isEqualTo("Ban Thường vụ");
    assertThat(first(group(svg, "data-element-id", "fork"), "path").getAttribute("d")).isEqualTo(
        "M255,112 L255,138 M242,125 L268,125");
    assertThat(group(svg, "data-element-id", "send").getAttribute("data-state")).isEqualTo("visited");
    Element call = group(svg, "data-element-id", "call");
    assertThat(call.getAttribute("data-state")).isEqualTo("active");
    assertThat(Double.parseDouble(first(call, "rect").getAttribute("stroke-width"))).isGreaterThanOrEqualTo(4);
    assertThat(children(group(svg, "data-element-id", "e"), "circle")).hasSize(2);
    assertThat(group(svg, "data-flow-id", "f2").getAttribute("data-taken")).isEqualTo("true");
    assertThat(group(svg, "data-flow-id", "f3").getAttribute("data-taken")).isEqualTo("false");
  }

  @Test
  void aModelWithoutDiagramSaysSo() throws Exception {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("s").endEvent("e").done();
    for (BpmnDiagram d : new ArrayList<>(model.getDefinitions().getBpmDiagrams())) {
      model.getDefinitions().removeChildElement(d);
    }
    Document svg = parse(diagram.svg(model, null));
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(texts(svg)).contains("Quy trình này không có sơ đồ.");
    assertThat(attributeValues(svg, "data-element-id")).isEmpty();
  }

  @Test
  void thereIsNoStyleNoScriptAndNoEventHandler() throws Exception {
    String out = diagram.svg(model(), REVIEWING);
    assertThat(out).doesNotContain("style=").doesNotContain("<style").doesNotContain("<script")
        .doesNotContain("href").doesNotContain("<foreignObject").doesNotContain("<?xml");
    Document svg = parse(out);
    NodeList all = svg.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      assertThat(e.getNamespaceURI()).isEqualTo(SVG);
      assertThat(e.getLocalName()).isNotIn("style", "script", "foreignObject", "a", "image", "use");
      NamedNodeMap attributes = e.getAttributes();
      for (int j = 0; j < attributes.getLength(); j++) {
        String name = attributes.item(j).getNodeName();
        assertThat(name).isNotEqualTo("style").doesNotStartWith("on").doesNotContain("href");
      }
    }
  }

  @Test
  void theViewBoxHoldsEveryShapeLabelAndWaypointWithAMargin() throws Exception {
    BpmnModelInstance model = model();
    Document svg = parse(diagram.svg(model, REVIEWING));
    String[] box = svg.getDocumentElement().getAttribute("viewBox").split(" ");
    double x0 = Double.parseDouble(box[0]);
    double y0 = Double.parseDouble(box[1]);
    double x1 = x0 + Double.parseDouble(box[2]);
    double y1 = y0 + Double.parseDouble(box[3]);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    List<Bounds> bounds = new ArrayList<>(model.getModelElementsByType(Bounds.class));
    assertThat(bounds).hasSizeGreaterThan(80);
    for (Bounds b : bounds) {
      assertThat(b.getX()).isGreaterThanOrEqualTo(x0 + 10);
      assertThat(b.getY()).isGreaterThanOrEqualTo(y0 + 10);
      assertThat(b.getX() + b.getWidth()).isLessThanOrEqualTo(x1 - 10);
      assertThat(b.getY() + b.getHeight()).isLessThanOrEqualTo(y1 - 10);
      minX = Math.min(minX, b.getX());
      minY = Math.min(minY, b.getY());
    }
    for (Waypoint w : model.getModelElementsByType(Waypoint.class)) {
      assertThat(w.getX()).isBetween(x0 + 10, x1 - 10);
      assertThat(w.getY()).isBetween(y0 + 10, y1 - 10);
      minX = Math.min(minX, w.getX());
      minY = Math.min(minY, w.getY());
    }
    // 10 px around what is drawn: the bounds and waypoints, and the text of a label wider than its bounds
    assertThat(x0).isBetween(minX - 40, minX - 10);
    assertThat(y0).isBetween(minY - 40, minY - 10);
  }

  @Test
  void eachKindOfElementDrawsItsOwnShape() throws Exception {
    Document svg = parse(diagram.svg(model(), REVIEWING));

    // events: circles; an end event's stroke is thicker; the timer and the boundary message event are double
    Element start = group(svg, "data-element-id", "startNomination");
    Element end = group(svg, "data-element-id", "endRejected");
    assertThat(first(start, "circle").getAttribute("r")).isEqualTo("18");
    assertThat(Double.parseDouble(first(end, "circle").getAttribute("stroke-width")))
        .isGreaterThanOrEqualTo(3).isGreaterThan(Double.parseDouble(
            first(group(svg, "data-element-id", "reviewStart"), "circle").getAttribute("stroke-width")));
    assertThat(children(group(svg, "data-element-id", "publicNoticePeriod"), "circle")).hasSizeGreaterThanOrEqualTo(3);
    Element withdrawn = group(svg, "data-element-id", "withdrawn");
    assertThat(children(withdrawn, "circle")).hasSize(2);
    assertThat(children(withdrawn, "rect")).as("the message's envelope").hasSize(1);
    assertThat(text(withdrawn)).isEqualTo("Rút hồ sơ");
    // event names go under the event, at their label's bounds
    Element label = first(start, "text");
    assertThat(Double.parseDouble(first(label, "tspan").getAttribute("y"))).isGreaterThan(308);
    assertThat(text(start)).isEqualTo("Lập hồ sơ đề nghị khen thưởng");

    // gateways: diamonds with an X
    Element gateway = group(svg, "data-element-id", "grassrootsApprovalGateway");
    assertThat(first(gateway, "polygon").getAttribute("points")).isEqualTo("917,265 942,290 917,315 892,290");
    assertThat(first(gateway, "path").getAttribute("d")).contains("M").contains("L");

    // tasks of each type: rounded rectangles with the name wrapped inside, within the task's width
    for (String id : List.of("grassrootsApproval", "registerNomination", "determineAuthority", "awaitCouncilSession",
        "nationalResult")) {
      Element task = group(svg, "data-element-id", id);
      Element rect = first(task, "rect");
      assertThat(rect.getAttribute("rx")).as(id).isEqualTo("10");
      assertThat(rect.getAttribute("width")).as(id).isEqualTo("100");
      NodeList spans = task.getElementsByTagNameNS(SVG, "tspan");
      assertThat(spans.getLength()).as(id).isBetween(1, 5);
      for (int i = 0; i < spans.getLength(); i++) {
        assertThat(spans.item(i).getTextContent().length() * 7).as(id).isLessThanOrEqualTo(90);
      }
    }
    assertThat(text(group(svg, "data-element-id", "determineAuthority")))
        .isEqualTo("Xác định thẩm quyền khen thưởng");

    // the sub-process: a large rounded rectangle with its name, under the steps it holds, its boundary event over it
    Element review = group(svg, "data-element-id", "review");
    assertThat(first(review, "rect").getAttribute("width")).isEqualTo("3098");
    assertThat(review.getAttribute("data-state")).isEqualTo("active");
    assertThat(text(review)).isEqualTo("Xét duyệt hồ sơ");
    List<String> order = attributeValues(svg, "data-element-id");
    assertThat(order.indexOf("review")).isLessThan(order.indexOf("grassrootsApproval"));
    assertThat(order.indexOf("withdrawn")).isEqualTo(order.size() - 1);

    // flow names at their label's bounds
    Element approved = group(svg, "data-flow-id", "grassrootsApprovalApproved");
    assertThat(text(approved)).isEqualTo("Đồng ý");
    assertThat(Double.parseDouble(first(approved, "tspan").getAttribute("x"))).isEqualTo(947 + 45 / 2.0);
    assertThat(text(group(svg, "data-flow-id", "superiorVettingReturned"))).isEqualTo("Trả lại");
    // the default flow carries a slash near its gateway
    assertThat(children(group(svg, "data-flow-id", "Flow_noSuperior"), "line")).hasSize(1);
  }

  @Test
  void aFlowIsTakenWhenItsSourceLedToItsTarget() {
    BpmnModelInstance model = model();
    Steps steps = new Steps()
        .run("startNomination", "registerNomination", "determineAuthority")
        .open("review")
        .run("reviewStart", "grassrootsApprovalJoin", "grassrootsApproval", "grassrootsApprovalGateway",
            "grassrootsApprovalRevision", "grassrootsApprovalJoin", "grassrootsApproval", "grassrootsApprovalGateway",
            "hasSuperiorGateway", "superiorVettingJoin", "superiorVetting", "superiorVettingGateway",
            "superiorAuthorityGateway", "secretariatVettingJoin")
        .running("secretariatVetting#multiInstanceBody");
    Path path = ProcessDiagram.path(model, steps.list);

    assertThat(path.active()).containsExactlyInAnyOrder("review", "secretariatVetting");
    assertThat(path.visited()).contains("startNomination", "grassrootsApprovalRevision", "secretariatVetting")
        .doesNotContain("secretariatVetting#multiInstanceBody", "endRejected");
    assertThat(path.taken()).contains("Flow_startNomination_registerNomination", "Flow_determineAuthority_review",
        "grassrootsApprovalReturned", "grassrootsApprovalResubmitted", "Flow_reviewStart_grassrootsApprovalJoin",
        "grassrootsApprovalApproved", "Flow_hasSuperior", "superiorVettingApproved", "Flow_forwardToProvince",
        "Flow_secretariatVettingJoin_secretariatVetting");
    // the join after "no superior" was reached from the superior's gateway, not from "has superior?"
    assertThat(path.taken()).doesNotContain("Flow_noSuperior", "grassrootsApprovalRejected",
        "Flow_secretariatVetting_secretariatVettingGateway", "Flow_review_nationalForwardingGateway");
  }

  @Test
  void aRejectionIsCreditedToTheStepThatRejected() {
    Steps steps = new Steps()
        .run("startNomination", "registerNomination", "determineAuthority")
        .open("review")
        .run("reviewStart", "grassrootsApprovalJoin", "grassrootsApproval", "grassrootsApprovalGateway",
            "hasSuperiorGateway", "superiorVettingJoin", "superiorVetting", "superiorVettingGateway", "rejectedJoin",
            "endRejected")
        .shut("review")
        .run("nationalForwardingGateway", "endCompleted");
    Path path = ProcessDiagram.path(model(), steps.list);

    assertThat(path.active()).isEmpty();
    assertThat(path.taken()).contains("superiorVettingRejected", "Flow_rejectedJoin_endRejected",
        "Flow_review_nationalForwardingGateway", "Flow_notForwarded");
    assertThat(path.taken()).doesNotContain("grassrootsApprovalRejected", "grassrootsApprovalReturned");
  }

  @Test
  void aWithdrawalLeavesThroughTheBoundaryEvent() {
    Steps steps = new Steps()
        .run("startNomination", "registerNomination", "determineAuthority")
        .open("review")
        .run("reviewStart", "grassrootsApprovalJoin")
        .cancel("grassrootsApproval")
        .shut("review")
        .run("withdrawn", "endWithdrawn");
    Path path = ProcessDiagram.path(model(), steps.list);

    assertThat(path.visited()).contains("withdrawn", "endWithdrawn", "grassrootsApproval");
    assertThat(path.active()).isEmpty();
    assertThat(path.taken()).contains("Flow_withdrawn_endWithdrawn", "Flow_grassrootsApprovalJoin_grassrootsApproval")
        .doesNotContain("Flow_review_nationalForwardingGateway", "Flow_grassrootsApproval_grassrootsApprovalGateway");
  }

  @Test
  void withoutUsableTimesTheSourceAndTargetRuleApplies() {
    // a target that (by the clock) started before its source ended: both flows into it count
    List<Step> steps = List.of(
        new Step("hasSuperiorGateway", 10, 11L, false),
        new Step("superiorAuthorityGateway", 20, 21L, false),
        new Step("secretariatVettingJoin", 5, 5L, false));
    Path path = ProcessDiagram.path(model(), steps);
    assertThat(path.taken()).contains("Flow_noSuperior", "Flow_forwardToProvince");
  }

  @Test
  void wrappingKeepsWordsAndCutsLongOnes() {
    assertThat(ProcessDiagram.wrap("Xác định thẩm quyền khen thưởng", 90, 7, 0))
        .containsExactly("Xác định", "thẩm quyền", "khen thưởng");
    assertThat(ProcessDiagram.wrap("abcdefghijklmnopqrstuvwxyz", 70, 7, 0))
        .containsExactly("abcdefghij", "klmnopqrst", "uvwxyz");
    assertThat(ProcessDiagram.wrap("một hai ba bốn năm sáu bảy tám", 35, 7, 2)).containsExactly("một", "hai…");
    assertThat(ProcessDiagram.wrap("dòng một\ndòng hai", 200, 7, 0)).containsExactly("dòng một", "dòng hai");
    assertThat(ProcessDiagram.wrap("  ", 90, 7, 0)).isEmpty();
    assertThat(ProcessDiagram.esc("a\u0000b\u0007c\uD800d")).isEqualTo("abcd");
    assertThat(ProcessDiagram.n(12.3456)).isEqualTo("12.35");
    assertThat(ProcessDiagram.n(-0.0)).isEqualTo("0");
    assertThat(ProcessDiagram.n(100.0)).isEqualTo("100");
  }

  // ------------------------------------------------------------------------------------------------------

  /** Historic activity instances one after the other, 10 ms apart, each ending 5 ms after it started. */
  private static final class Steps {
    final List<Step> list = new ArrayList<>();
    private final List<Integer> open = new ArrayList<>();
    private long clock = 0;

    Steps run(String... ids) {
      for (String id : ids) {
        clock += 10;
        list.add(new Step(id, clock, clock + 5, false));
      }
      return this;
    }

    Steps running(String id) {
      clock += 10;
      list.add(new Step(id, clock, null, false));
      return this;
    }

    Steps cancel(String id) {
      clock += 10;
      list.add(new Step(id, clock, clock + 100, true));
      clock += 100;
      return this;
    }

    /** A scope (the sub-process) that stays open until {@link #shut}. */
    Steps open(String id) {
      clock += 10;
      list.add(new Step(id, clock, null, false));
      open.add(list.size() - 1);
      return this;
    }

    Steps shut(String id) {
      for (int i = open.size() - 1; i >= 0; i--) {
        Step s = list.get(open.get(i));
        if (s.activityId().equals(id)) {
          clock += 10;
          list.set(open.get(i), new Step(id, s.start(), clock, false));
          open.remove(i);
          break;
        }
      }
      return this;
    }
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  private static List<String> attributeValues(Document svg, String attribute) {
    List<String> values = new ArrayList<>();
    NodeList all = svg.getElementsByTagNameNS(SVG, "g");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute(attribute)) {
        values.add(e.getAttribute(attribute));
      }
    }
    return values;
  }

  private static Element group(Document svg, String attribute, String value) {
    NodeList all = svg.getElementsByTagNameNS(SVG, "g");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (value.equals(e.getAttribute(attribute))) {
        return e;
      }
    }
    throw new AssertionError("no <g " + attribute + "=\"" + value + "\">");
  }

  private static Element byId(Document svg, String id) {
    NodeList all = svg.getElementsByTagNameNS(SVG, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  private static Element first(Element parent, String localName) {
    NodeList found = parent.getElementsByTagNameNS(SVG, localName);
    assertThat(found.getLength()).as("<%s> in %s", localName, parent.getAttribute("data-element-id")).isPositive();
    return (Element) found.item(0);
  }

  private static List<Node> children(Element parent, String localName) {
    List<Node> found = new ArrayList<>();
    NodeList list = parent.getElementsByTagNameNS(SVG, localName);
    for (int i = 0; i < list.getLength(); i++) {
      found.add(list.item(i));
    }
    return found;
  }

  /** The drawing elements (not text) of a group. */
  private static List<Node> drawn(Element g) {
    List<Node> found = new ArrayList<>();
    NodeList list = g.getElementsByTagNameNS(SVG, "*");
    for (int i = 0; i < list.getLength(); i++) {
      if (Set.of("rect", "circle", "polygon", "path", "polyline", "line").contains(list.item(i).getLocalName())) {
        found.add(list.item(i));
      }
    }
    return found;
  }

  /** The text a group shows, its lines joined with spaces. */
  private static String text(Element g) {
    List<String> lines = new ArrayList<>();
    NodeList spans = g.getElementsByTagNameNS(SVG, "tspan");
    for (int i = 0; i < spans.getLength(); i++) {
      lines.add(spans.item(i).getTextContent());
    }
    return String.join(" ", lines);
  }

  private static List<String> texts(Document svg) {
    List<String> found = new ArrayList<>();
    NodeList list = svg.getElementsByTagNameNS(SVG, "text");
    for (int i = 0; i < list.getLength(); i++) {
      found.add(list.item(i).getTextContent());
    }
    return found;
  }
}
