public import KhabarCore
import KhabarKB
public import KhabarStage

/// The `link` stage: every entity gets a link to an authority record (from the
/// knowledge base, by coreference within the article, or a derived `nil.` id),
/// and the records linked are attached to the document.
public struct LinkStage: Stage {
  public static let name = "link"
  public static let version = "1.1.0"
  public static let summary = "Link entities to knowledge-base records (places, persons, organisations)."
  public static let requires = ["text", "entities"]
  public static let provides = ["links", "records"]
  public static let defaultOptions: [String: JSONValue] = [
    "coref": .bool(true)
  ]

  public let linker: Linker

  public init(options: StageOptions, environment: StageEnvironment) throws {
    let kb = try KnowledgeBase.load(dataDirectory: environment.dataDirectory)
    linker = Linker(kb: kb, coref: options.bool("coref"))
  }

  public init(linker: Linker) { self.linker = linker }

  public func process(_ document: inout Document) throws {
    let text = try document.requireText()
    let entities = try document.require(Entities.self)
    var lams = Set<Int>()
    if let morphs = try document.layer(Morphs.self) {
      // A lone ل marked as the article is the ل of a لل-form (للبوكمال).
      for (k, role) in morphs.roles.enumerated() where role == UInt8(ascii: "a") {
        let span = morphs.spans[k]
        if span.count == 1 { lams.insert(span.lowerBound) }
      }
    }
    let scalars = text.unicodeScalars.map(\.value)
    do {
      let (links, records) = try linker.link(text: scalars, entities: entities.items, articleLams: lams)
      document.set(links)
      document.set(records)
    } catch let e as LinkError {
      throw StageError(e.description)
    }
  }
}
