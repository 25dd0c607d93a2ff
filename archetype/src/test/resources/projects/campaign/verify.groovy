// After the generated project's campaign: a card's replay command, run as the report prints it, from the report folder.
// The project's build took dextrace (and every plugin) from the test's own repository, target/it-repo of the archetype
// module; .mvn/maven.config points the replay's mvn at it, offline, as a user's ~/.m2 would hold it.
def project = new File(basedir, 'project/my-dext')
def report = new File(project, 'target/race-report')
def itRepo = new File(basedir, '../../../it-repo').canonicalFile
assert itRepo.isDirectory() : "no test repository at ${itRepo}"

def results = new File(report, 'results.json').getText('UTF-8')
def commands = (results =~ /"replayCommand"\s*:\s*"([^"]+)"/).collect { it[1] }
assert !commands.isEmpty() : 'the sample driver\'s report has a card with a replay command'
def command = commands[0]
assert command.startsWith('mvn ') && !command.contains('-pl model') : "a command for the user's project: ${command}"

new File(project, '.mvn').mkdirs()
new File(project, '.mvn/maven.config').setText("-o -llr -Dmaven.repo.local=${itRepo}\n", 'UTF-8')
def mvn = ['sh', '-c', command].execute(null, report)
def printed = new StringBuilder()
mvn.consumeProcessOutput(printed, printed)
assert mvn.waitFor() == 0 : "${command} failed:\n${printed}"
def rule = (printed =~ /REPRODUCED (\S+)/)
assert rule.find() : "the replay names the rule it reproduced:\n${printed}"
assert printed.toString().contains('<-- ' + rule.group(1)) : "the interleaving with the violating event marked:\n${printed}"
println "replayed from the generated project's report folder: ${command} -> REPRODUCED ${rule.group(1)}"

// After the generated project's campaign: the sample invariant's rule, DEXT-1, reached results.json (its 'rules'
// section, with its meaning, and the rules found on MyDext) and the report (a matrix column and a finding card).
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
