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
#endif
