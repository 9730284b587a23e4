// The stall workload's control: an idle Node HTTP server (a process of its own) that answers
// GET /health with "OK" and does nothing else. Probed the same way as the server under test during
// the same window, its worst latency is the machine's own noise floor (other processes'
// load, scheduling): a stall of the server under test below it cannot be told from the machine's.
// Usage: node idle-server.mjs; prints its port on stdout, exits when stdin closes.
import http from 'node:http';

const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('OK');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
