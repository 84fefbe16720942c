// readline glue: the prompt loop, ~/.history_cfn, `?` bound to FRR-style help listings and
// TAB completion of keywords (readline calls C functions, so the shell is held in a static).
#include "vtysh-cfn/readline_ui.hpp"

#include <readline/history.h>
#include <readline/readline.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace cfn::vtysh {
namespace {

Shell* g_shell = nullptr;
std::vector<std::string> g_matches;
std::size_t g_next_match = 0;

std::string typed_before_cursor() {
  return std::string(rl_line_buffer, rl_point);
}

std::string history_path() {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.history_cfn";
}

// `?`: lists what may come next, as FRR's vtysh does, and redraws the line as typed.
int describe(int, int) {
  const auto items = g_shell->help(typed_before_cursor());
  std::string text = "\n";
  if (items.empty()) {
    text += "% There is no matched command.\n";
  } else {
    std::size_t width = 0;
    for (const auto& item : items) width = std::max(width, item.token.size());
    for (const auto& item : items) {
      text +=
          "  " + item.token + std::string(width - item.token.size(), ' ') + "  " + item.help + "\n";
    }
  }
  std::fputs(text.c_str(), rl_outstream ? rl_outstream : stdout);
  rl_on_new_line();
  return 0;
}

char* next_match(const char*, int state) {
  if (state == 0) g_next_match = 0;
  if (g_next_match >= g_matches.size()) return nullptr;
  return strdup(g_matches[g_next_match++].c_str());
}

char** complete_keywords(const char* text, int, int end) {
  rl_attempted_completion_over = 1;  // no file name completion
  g_matches = g_shell->complete(std::string(rl_line_buffer, static_cast<std::size_t>(end)));
  return rl_completion_matches(text, next_match);
}

}  // namespace

int run_interactive(Shell& shell) {
  g_shell = &shell;
  rl_readline_name = "vtysh-cfn";
  rl_bind_key('?', describe);
  rl_attempted_completion_function = complete_keywords;
  const std::string history = history_path();
  read_history(history.c_str());
  for (;;) {
    const std::string prompt = shell.prompt();
    char* raw = readline(prompt.c_str());
    if (!raw) {
      std::cout << "\n";
      return 0;
    }
    const std::string line(raw);
    std::free(raw);
    if (line.find_first_not_of(" \t") != std::string::npos) {
      add_history(line.c_str());
      write_history(history.c_str());
    }
    const ShellReply reply = shell.execute(line);
    std::cout << reply.output << std::flush;
    if (reply.quit) return 0;
    if (shell.connected() == 0) {
      std::cerr << "Exiting: no daemon left to talk to.\n";
      return 1;
    }
  }
}

}  // namespace cfn::vtysh
