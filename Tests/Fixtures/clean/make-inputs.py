import json, hashlib, glob, os
def rec(id, raw, path=None):
    b = raw.encode('utf-8')
    return json.dumps({"id": id, "raw": raw, "schema": 1,
        "source": {"bytes": len(b), "path": path or f"{id}.txt", "sha256": hashlib.sha256(b).hexdigest()}},
        ensure_ascii=False, sort_keys=True)
cases = {
 "presentation-forms": [
   ("ligatures", "\uFEFB \uFE8D\uFEDF\uFECC\uFEAE\uFE8D\uFED5 \uFEF7\uFEE7\uFEEA \uFDF2 \uFEF5\uFEE3\uFEE0\uFE94\n"),
   ("isolated-harakat", "\uFE91\uFE77\uFEE6 \uFC60 \uFE7C\n"),
 ],
 "tatweel": [
   ("elongation", "الــــعراق جـــديد والقــائم ـ\n"),
   ("proclitic", "تطهير الجيوب الـ»داعشيّة» وقد كشف لـ»البناء» والـــ«حشد»\n"),
 ],
 "invisibles": [
   ("bidi-zero-width", "\uFEFFبغداد\u200F \u202Bالقائم\u202C \u2067البوكمال\u2069 \u200Bسوريا\u200E\u061C والعر\u00ADاق\n"),
 ],
 "persian-letters": [
   ("persian", "کتاب یک مدرسۀ ڪبيرة\n"),
 ],
 "controls": [
   ("c0-c1-nonchars", "عنوان\x00 الخبر\x02\n\x1bفقرة\x07 أولى\x7f\x9b.\uFFFF\uFFFE\n"),
 ],
 "line-breaks": [
   ("crlf", "عنوان الخبر\r\n\r\nفقرة أولى.\r\nفقرة ثانية.\rفقرة ثالثة.\x0bفقرة رابعة.\u2028فقرة خامسة.\u0085فقرة سادسة.\r\n"),
 ],
 "whitespace": [
   ("runs", "  \t عنوان\u00A0\u00A0 الخبر \t \n\n\n   فقرة  أولى\u2003فيها   مسافات.   \n \t \n"),
 ],
 "nfc": [
   ("arabic-compose", "ا\u0653خر ا\u0654ن ا\u0655ن سو\u0654ال مسا\u064A\u0654ل\n"),
   ("arabic-reorder", "مد\u0651\u064Eة شد\u0651\u064F و\u064E\u0651\u0654\n"),
   ("other-scripts", "Cafe\u0301 \u212B \u1100\u1161\u11A8 ﬁ\n"),
 ],
 "punctuation": [
   ("joins", "قال المصدر إن الهجوم وقع., وأضاف أن \"الوضع هادئ\"., كما أشار إلى ذلك.\n"),
   ("doubled-stops", "في حالة الإطاحة بنظام الأسد. .\nانتهى الاجتماع . . وعاد الوفد.\n"),
   ("space-before", "قال المسؤول ، إن الوضع مستقر ؛ لكن هل يستمر ؟ ربما !\n"),
   ("kept", "قال ... ثم صمت. زار U.S., and left. سعر .5 دولار.\n"),
 ],
 "quotes": [
   ("guillemets", "الجيوب الـ»داعشيّة» المتبقّية ومنع التواجد الـ»داعشي» في الصحراء لـ»البناء»، «الفيتوات»\n"),
   ("curly", "الإيرانيون و”مقاتلو الميليشيات” الذين عبروا. وأضاف: “لسنا متأكدين”.\n"),
   ("mixed", "قال \"نحن هنا” ثم ”غادر\".\n"),
   ("straight-only", "ميليشيا \"حزب الله\" اللبناني\n"),
 ],
 "structure": [
   ("title-byline-dateline", "بين البوكمال والقائم ما هو المطلوب…؟\nبقلم: مصطفى حكمت العراقي\nبيروت (رويترز) - قال مسؤول إن المعبر فتح.\nفقرة ثانية عن المعبر.\n"),
   ("notes", "عنوان الخبر هنا\n\nعنوان الخبر هنا\n\n[ad_1]\n\nبغداد – مع فرار نحو 2000 جندي.\n\n***\n\nتبنت الفصائل مواقف متباينة. (غيتي) هل ستكبح الحكومة الميليشيات؟\n\n(أ ف ب)\n\nفقرة أخيرة.\n\nشيلي كيتلسون صحافية متخصصة في شؤون الشرق الأوسط.\n\nاتبعها على X: @shellykittleson\n\n[ad_2]\n\nالمصدر"),
   ("no-title", "في نوفمبر 2017، استطاعت تنظيمات مسلحة التلاقي عند نقطة الحدود.\nكانت لحظة مفصلية.\n"),
 ],
 "dates": [
   ("date-under-title", "عنوان الخبر هنا\nنُشر في: الأحد ٥ نوفمبر/تشرين الثاني ٢٠١٧\nقال مسؤول إن المعبر فتح.\n"),
   ("date-numeric-at-end", "عنوان الخبر هنا\nقال مسؤول إن المعبر فتح.\n2017-11-05 10:30\n"),
   ("not-a-date", "عنوان الخبر هنا\nفي 5 نوفمبر 2017 سيطرت القوات على المعبر الحدودي.\n"),
 ],
 "empty": [
   ("empty", ""),
   ("blank", "\n\n \t \r\n\u200B\n"),
   ("one-line", "خبر"),
 ],
}
for name, recs in cases.items():
    with open(f"Tests/Fixtures/clean/{name}.in.jsonl", "w") as f:
        for id, raw in recs: f.write(rec(id, raw) + "\n")
with open("Tests/Fixtures/clean/options-off.in.jsonl", "w") as f:
    f.write(rec("everything-off", "\uFEFFعنوان  الـــخبر\u200B ی\uFEFB\r\n\r\n[ad_1]\n\nقال ، ».نص». ., و\x02ا\u0653خر\n") + "\n")
with open("Tests/Fixtures/clean/options-off.options.json", "w") as f:
    json.dump({k: False for k in ["nfc","presentationForms","tatweel","invisibles","persianLetters","whitespace","repairPunctuation","repairQuotes","boilerplate"]}, f, sort_keys=True)
    f.write("\n")
with open("Tests/Fixtures/clean/seeds.in.jsonl", "w") as f:
    for p in sorted(glob.glob("seeds/*.txt")):
        raw = open(p, encoding="utf-8").read()
        f.write(rec(os.path.splitext(os.path.basename(p))[0], raw, p) + "\n")
