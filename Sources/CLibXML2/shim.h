#ifndef KHABAR_CLIBXML2_SHIM_H
#define KHABAR_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlerror.h>
#include <libxml/relaxng.h>
#include <libxml/xmlstring.h>

/// xmlFree is a global variable in libxml2 2.9; Swift 6 rejects it as shared
/// mutable state. Free libxml2-allocated memory through this function only.
static inline void khabarxml_free(void *p) { xmlFree(p); }

/// A generic-error sink that drops the message. Generic errors are variadic
/// (printf-like), which Swift cannot implement; structured errors carry the
/// same information and are what KhabarExport reports.
static void khabarxml_ignore_generic(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/// Stops libxml2 from printing generic errors on stderr (per thread).
static inline void khabarxml_silence_generic_errors(void) {
  xmlSetGenericErrorFunc(NULL, khabarxml_ignore_generic);
}

/// The XML namespace URI (a macro in libxml2).
static inline const xmlChar *khabarxml_xml_namespace(void) { return XML_XML_NAMESPACE; }
#endif
