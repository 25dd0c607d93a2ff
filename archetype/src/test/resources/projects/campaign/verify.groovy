// After the generated project's campaign: the sample invariant's rule, DEXT-1, reached results.json (its 'rules'
// section, with its meaning, and the rules found on MyDext) and the report (a matrix column and a finding card).
def report = new File(basedir, 'project/my-dext/target/race-report')
def results = new File(report, 'results.json').getText('UTF-8')
def declared = (results =~ /"id"\s*:\s*"DEXT-1"\s*,\s*"meaning"\s*:\s*"([^"]+)"/)
assert declared.find() : "results.json declares DEXT-1 with its meaning in 'rules':\n${results.take(2000)}"
def meaning = declared.group(1)
assert meaning.startsWith('The interrupt handler completes every command') : meaning
assert results =~ /"foundRules"\s*:\s*\[[^\]]*"DEXT-1"/ : 'the campaign found DEXT-1 on MyDext'
def html = new File(report, 'index.html').getText('UTF-8')
assert html.contains("<th class=\"rule\" title=\"${meaning}\">DEXT-1</th>") : 'the matrix has a DEXT-1 column with its meaning'
assert html.contains('YOUR RULES') : "the matrix groups the project's rules"
assert html.contains("<span class=\"rule\">DEXT-1</span> ${meaning}") : 'a finding card names DEXT-1 with its meaning'
println "the report shows the sample invariant's DEXT-1: ${meaning}"
return true
