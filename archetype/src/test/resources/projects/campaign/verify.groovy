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
return true
